//! Pinyin for Chinese text, so that 张伟 is found by "zhangwei", "zhang wei" and "zw", and
//! Chinese names sort as a Chinese reader expects (by reading, not by code point).
//!
//! Each character gets its most common reading (the table in `pinyin.txt`, see
//! `tools/pinyin/gen.py`), except where the context says otherwise: a few words whose reading
//! differs from their characters' usual ones (重庆 chóngqìng, 银行 yínháng, 长沙 chángshā) and
//! the surnames read differently from the same character elsewhere (曾 Zēng, 单 Shàn), for a
//! person's name. Tones are dropped and ü is written v, as pinyin input methods do.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One line per toneless syllable: the syllable, a space, then its characters.
static TABLE: &str = include_str!("pinyin.txt");

/// Words read differently from their characters' most common readings: place names above all
/// (customers' regions and companies), and the common words inside company names.
const WORDS: &[(&str, &[&str])] = &[
    ("重庆", &["chong", "qing"]),
    ("长沙", &["chang", "sha"]),
    ("长春", &["chang", "chun"]),
    ("长城", &["chang", "cheng"]),
    ("长江", &["chang", "jiang"]),
    ("长安", &["chang", "an"]),
    ("长宁", &["chang", "ning"]),
    ("长治", &["chang", "zhi"]),
    ("延长", &["yan", "chang"]),
    ("银行", &["yin", "hang"]),
    ("行业", &["hang", "ye"]),
    ("商行", &["shang", "hang"]),
    ("车行", &["che", "hang"]),
    ("厦门", &["xia", "men"]),
    ("大厦", &["da", "sha"]),
    ("成都", &["cheng", "du"]),
    ("首都", &["shou", "du"]),
    ("都江堰", &["du", "jiang", "yan"]),
    ("西藏", &["xi", "zang"]),
    ("音乐", &["yin", "yue"]),
    ("乐清", &["yue", "qing"]),
    ("六安", &["lu", "an"]),
    ("蚌埠", &["beng", "bu"]),
    ("番禺", &["pan", "yu"]),
    ("东阿", &["dong", "e"]),
    ("尉迟", &["yu", "chi"]),
    ("万俟", &["mo", "qi"]),
    ("单于", &["chan", "yu"]),
    ("曾经", &["ceng", "jing"]),
    ("重新", &["chong", "xin"]),
    ("重复", &["chong", "fu"]),
];

/// Surnames whose reading differs from the character's most common one; used for the first
/// character of a person's name only (单 is dān in 订单 but Shàn as a surname).
const SURNAMES: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('区', "ou"),
    ('查', "zha"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('尉', "yu"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('覃', "qin"),
    ('召', "shao"),
    ('秘', "bi"),
    ('种', "chong"),
    ('重', "chong"),
    ('长', "chang"),
    ('朝', "chao"),
    ('阿', "a"),
];

fn table() -> &'static HashMap<char, &'static str> {
    static MAP: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::with_capacity(8_200);
        for line in TABLE.lines() {
            if let Some((syllable, chars)) = line.split_once(' ') {
                for c in chars.chars() {
                    map.insert(c, syllable);
                }
            }
        }
        map
    })
}

/// [`WORDS`] with each word as characters, decoded once: the lookup runs for every
/// character of every name indexed.
fn words() -> &'static [(Vec<char>, &'static [&'static str])] {
    static DECODED: OnceLock<Vec<(Vec<char>, &'static [&'static str])>> = OnceLock::new();
    DECODED.get_or_init(|| {
        WORDS
            .iter()
            .map(|(w, syllables)| (w.chars().collect(), *syllables))
            .collect()
    })
}

/// The most common reading of one character, if it is one the table knows.
pub fn reading(c: char) -> Option<&'static str> {
    // Below the CJK blocks (Latin, digits, punctuation: most of what is indexed) no lookup.
    if c < '\u{2E80}' {
        return None;
    }
    table().get(&c).copied()
}

/// The reading of each character of `text` in context (`None` for characters that are not
/// Chinese). `person` says the text is a person's name, whose first character is a surname.
pub fn readings(text: &str, person: bool) -> Vec<Option<&'static str>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Option<&'static str>> = chars.iter().map(|&c| reading(c)).collect();
    if person {
        if let Some(first) = chars.first() {
            if let Some((_, r)) = SURNAMES.iter().find(|(s, _)| s == first) {
                out[0] = Some(r);
            }
        }
    }
    let mut i = 0;
    while i < chars.len() {
        // Every word starts with a Chinese character: others are skipped without a look.
        let word = out[i].and_then(|_| {
            words()
                .iter()
                .find(|(w, _)| w.first() == Some(&chars[i]) && chars[i..].starts_with(w))
        });
        match word {
            Some((w, syllables)) => {
                let n = w.len();
                for (slot, s) in out[i..i + n].iter_mut().zip(syllables.iter()) {
                    *slot = Some(s);
                }
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// The pinyin forms a search matches against: the syllables run together ("zhangwei") and
/// their initial letters ("zw"). Characters that are not Chinese pass through as they are, so
/// "ABC科技" gives "abckeji" and "abckj". `None` when the text has no Chinese at all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Romanized {
    pub full: String,
    pub initials: String,
}

/// [`Romanized`] forms of `text` (already folded to lower case by the caller, or not: only
/// Chinese characters are changed).
pub fn romanize(text: &str, person: bool) -> Option<Romanized> {
    romanize_read(text, &readings(text, person))
}

fn romanize_read(text: &str, readings: &[Option<&str>]) -> Option<Romanized> {
    if readings.iter().all(Option::is_none) {
        return None;
    }
    let mut out = Romanized::default();
    for (c, r) in text.chars().zip(readings) {
        match r {
            Some(r) => {
                out.full.push_str(r);
                out.initials.extend(r.chars().next());
            }
            None if c.is_alphanumeric() => {
                out.full.extend(c.to_lowercase());
                out.initials.extend(c.to_lowercase());
            }
            None => {}
        }
    }
    Some(out)
}

/// [`romanize`] and [`sort_key`] of one text, reading it once (indexing a name needs both).
pub fn romanize_and_sort_key(text: &str, person: bool) -> (Option<Romanized>, String) {
    let readings = readings(text, person);
    (
        romanize_read(text, &readings),
        sort_key_read(text, &readings),
    )
}

/// A key that sorts Chinese text by reading, syllable by syllable, and Latin text
/// alphabetically among it: 安 (an) before 北京 (bei jing) before 张 (zhang). Characters that
/// share a reading then sort by the characters themselves, so the order is total and stable.
pub fn sort_key(text: &str, person: bool) -> String {
    sort_key_read(text, &readings(text, person))
}

fn sort_key_read(text: &str, readings: &[Option<&str>]) -> String {
    if readings.iter().all(Option::is_none) {
        return text.to_string();
    }
    let mut key = String::with_capacity(text.len() * 3);
    for (c, r) in text.chars().zip(readings) {
        match r {
            Some(r) => {
                key.push_str(r);
                // Syllable by syllable: 西安 (xi an) before 先 (xian).
                key.push(' ');
            }
            None => key.push(c),
        }
    }
    key.push('\u{0}');
    key.push_str(text);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(text: &str, person: bool) -> String {
        romanize(text, person).map(|r| r.full).unwrap_or_default()
    }

    #[test]
    fn names_and_places_read_as_spoken() {
        let zhang = romanize("张伟", true).unwrap();
        assert_eq!(zhang.full, "zhangwei");
        assert_eq!(zhang.initials, "zw");
        assert_eq!(full("重庆火锅", false), "chongqinghuoguo");
        assert_eq!(full("长沙", false), "changsha");
        assert_eq!(full("招商银行", false), "zhaoshangyinhang");
        assert_eq!(full("厦门大厦", false), "xiamendasha");
        assert_eq!(full("吕布", true), "lvbu");
        assert_eq!(romanize("ABC科技", false).unwrap().initials, "abckj");
        assert_eq!(romanize("Acme Ltd", false), None);
    }

    #[test]
    fn polyphonic_surnames_only_for_a_persons_first_character() {
        assert_eq!(full("曾国藩", true), "zengguofan");
        assert_eq!(full("单丽", true), "shanli");
        assert_eq!(full("订单", false), "dingdan");
        assert_eq!(full("单丽", false), "danli");
        assert_eq!(full("解晓东", true), "xiexiaodong");
        assert_eq!(full("朴正", true), "piaozheng");
        // Not a surname position: the usual reading.
        assert_eq!(full("王单", true), "wangdan");
    }

    #[test]
    fn every_table_line_is_a_lowercase_syllable_and_the_table_covers_common_names() {
        for line in TABLE.lines() {
            let (syllable, chars) = line.split_once(' ').expect("syllable and characters");
            assert!(syllable.chars().all(|c| c.is_ascii_lowercase()), "{line}");
            assert!(!chars.is_empty(), "{line}");
            // `reading` skips the lookup below the CJK blocks.
            assert!(chars.chars().all(|c| c >= '\u{2E80}'), "{line}");
        }
        for c in "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".chars() {
            assert!(reading(c).is_some(), "{c}");
        }
        assert!(table().len() >= 8_000);
    }

    #[test]
    fn sort_keys_order_by_reading_then_character() {
        let mut names = vec![
            "张伟",
            "北京公司",
            "安琪",
            "Zoe",
            "先锋",
            "西安",
            "章伟",
            "alpha",
        ];
        names.sort_by_key(|n| sort_key(&n.to_lowercase(), false));
        assert_eq!(
            names,
            vec![
                "alpha",
                "安琪",
                "北京公司",
                "西安",
                "先锋",
                "张伟",
                "章伟",
                "Zoe"
            ]
        );
    }
}
