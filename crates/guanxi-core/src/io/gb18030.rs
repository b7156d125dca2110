//! GB18030 *encoding* without shipping an encoding table.
//!
//! Excel on Chinese Windows opens a `.csv` as GB18030 unless it starts with a UTF-8 BOM, and
//! some older versions ignore the BOM too, so exports offer GB18030 as well. The mapping table
//! is about 200 KB that every visitor would download even though few ever need it. The browser
//! already carries it, in the other direction: `TextDecoder('gb18030')`. So the reverse map is
//! built at run time by decoding every code once, and turned around.
//!
//! The byte layout follows the WHATWG Encoding Standard, which is what both the browser and
//! `encoding_rs` (used by the tests as the reference) implement.

/// Two-byte codes: lead byte range.
const LEAD: std::ops::RangeInclusive<u8> = 0x81..=0xFE;
/// Trail bytes of two-byte codes: 0x40–0x7E and 0x80–0xFE (0x7F is never a trail byte).
fn trails() -> impl Iterator<Item = u8> {
    (0x40..=0x7Eu8).chain(0x80..=0xFE)
}

/// Four-byte codes from 0x81308130 up to this linear index cover the rest of the BMP
/// (index 39419 is 0x8431A439, which decodes to U+FFFF).
const BMP_FOUR_BYTE_LAST: u32 = 39_419;
/// The linear index of 0x90308130, the four-byte code of U+10000. From there the supplementary
/// planes are mapped in order, so they need no table at all.
const SUPPLEMENTARY_FIRST: u32 = 189_000;

/// The four bytes of a four-byte code from its linear index: digits in the mixed radix
/// 10 × 126 × 10 (bytes 2 and 4 are `0x30`–`0x39`, bytes 1 and 3 are `0x81`–`0xFE`).
fn four_byte(index: u32) -> [u8; 4] {
    // Each value is below its radix, so the narrowing casts cannot truncate.
    let b4 = (index % 10) as u8 + 0x30;
    let b3 = (index / 10 % 126) as u8 + 0x81;
    let b2 = (index / 1260 % 10) as u8 + 0x30;
    let b1 = (index / 12_600) as u8 + 0x81;
    [b1, b2, b3, b4]
}

/// Encodes text as GB18030 using a map built from a decoder.
#[derive(Clone)]
pub struct Gb18030Encoder {
    /// Indexed by BMP code point: `[0; 4]` for unmapped, `[lead, trail, 0, 0]` for a
    /// two-byte code (a trail is never 0), else a four-byte code. A flat array rather than a
    /// hash map because it is 256 KB either way and lookups stay a single index.
    bmp: Box<[[u8; 4]]>,
}

impl std::fmt::Debug for Gb18030Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mapped = self.bmp.iter().filter(|b| b[0] != 0).count();
        f.debug_struct("Gb18030Encoder")
            .field("mapped", &mapped)
            .finish()
    }
}

impl Gb18030Encoder {
    /// `decode` decodes GB18030 bytes (the browser passes `TextDecoder('gb18030')`, the tests
    /// `encoding_rs`). Called once per range with every code of the range concatenated, since
    /// each call into the browser costs far more than the decoding; if the output does not
    /// have exactly one character per code the range is decoded again code by code.
    pub fn from_decoder(decode: impl Fn(&[u8]) -> String) -> Self {
        let mut bmp = vec![[0u8; 4]; 0x1_0000].into_boxed_slice();

        // Two-byte codes go first so that they win where a character has two codes: the
        // encoder must produce the shorter one, as the standard's encoder does.
        let two: Vec<[u8; 2]> = LEAD
            .flat_map(|lead| trails().map(move |trail| [lead, trail]))
            .collect();
        let decoded = decode_all(&decode, &two);
        for (code, c) in two.iter().zip(decoded) {
            // U+FFFD means the code is unmapped (a valid code never decodes to it here).
            if let Some(c) = c.filter(|&c| c != '\u{FFFD}') {
                insert(&mut bmp, c, [code[0], code[1], 0, 0]);
            }
        }

        let four: Vec<[u8; 4]> = (0..=BMP_FOUR_BYTE_LAST).map(four_byte).collect();
        for (code, c) in four.iter().zip(decode_all(&decode, &four)) {
            // U+FFFD is kept here: it is the real mapping of 0x84318535, and every four-byte
            // code of this range is mapped, so it cannot stand for a decoding error.
            if let Some(c) = c {
                insert(&mut bmp, c, *code);
            }
        }

        // Private-use characters that GB18030-2005 gave these codes, before the 2022 edition
        // (and the browsers after it) decoded them as standard characters. The encoder still
        // accepts them so old data keeps its bytes. Eighteen pairs instead of a table; the
        // bytes themselves come from the decoder. An older decoder that still yields the
        // private-use characters has mapped them already, and `alias` leaves them alone.
        for (pua, standard) in PUA_ALIASES {
            alias(&mut bmp, pua, standard);
        }
        // The standard's encoder refuses U+E5E5 even though a code decodes to it (0xA3A0 is
        // kept decodable for old data but must not be produced).
        bmp[0xE5E5] = [0; 4];
        Gb18030Encoder { bmp }
    }

    /// ASCII as is, BMP characters through the map, supplementary characters by formula;
    /// a character without a code becomes `?`, as Excel would show it anyway.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars() {
            let cp = c as u32;
            if c.is_ascii() {
                out.push(cp as u8);
            } else if cp >= 0x1_0000 {
                out.extend_from_slice(&four_byte(cp - 0x1_0000 + SUPPLEMENTARY_FIRST));
            } else {
                match self.bmp[cp as usize] {
                    [0, ..] => out.push(b'?'),
                    [lead, trail, 0, 0] => out.extend_from_slice(&[lead, trail]),
                    code => out.extend_from_slice(&code),
                }
            }
        }
        out
    }
}

/// (private-use character, the standard character now decoded from its old code).
const PUA_ALIASES: [(u16, u16); 18] = [
    (0xE78D, 0xFE10),
    (0xE78E, 0xFE12),
    (0xE78F, 0xFE11),
    (0xE790, 0xFE13),
    (0xE791, 0xFE14),
    (0xE792, 0xFE15),
    (0xE793, 0xFE16),
    (0xE794, 0xFE17),
    (0xE795, 0xFE18),
    (0xE796, 0xFE19),
    (0xE81E, 0x9FB4),
    (0xE826, 0x9FB5),
    (0xE82B, 0x9FB6),
    (0xE82C, 0x9FB7),
    (0xE832, 0x9FB8),
    (0xE843, 0x9FB9),
    (0xE854, 0x9FBA),
    (0xE864, 0x9FBB),
];

/// Gives `pua` the two-byte code of `standard`, if it has none and `standard` has one.
fn alias(bmp: &mut [[u8; 4]], pua: u16, standard: u16) {
    let code = bmp[usize::from(standard)];
    let is_two_byte = code[0] != 0 && code[2] == 0;
    if bmp[usize::from(pua)][0] == 0 && is_two_byte {
        bmp[usize::from(pua)] = code;
    }
}

/// Records a code for a non-ASCII BMP character unless it already has one.
fn insert(bmp: &mut [[u8; 4]], c: char, code: [u8; 4]) {
    let cp = c as usize;
    if !c.is_ascii() && cp < bmp.len() && bmp[cp][0] == 0 {
        bmp[cp] = code;
    }
}

/// One character per code, in order (`None` where a code did not decode to exactly one).
fn decode_all<const N: usize>(
    decode: &impl Fn(&[u8]) -> String,
    codes: &[[u8; N]],
) -> Vec<Option<char>> {
    let all: Vec<u8> = codes.iter().flatten().copied().collect();
    let chars: Vec<char> = decode(&all).chars().collect();
    if chars.len() == codes.len() {
        return chars.into_iter().map(Some).collect();
    }
    // A decoder that resynchronises differently (an unmapped code swallowing or re-emitting a
    // byte) shifts everything after it, so the bulk result cannot be trusted at all.
    codes
        .iter()
        .map(|code| {
            let s = decode(code);
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn decode(bytes: &[u8]) -> String {
        encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
    }

    fn encoder() -> &'static Gb18030Encoder {
        static ENC: OnceLock<Gb18030Encoder> = OnceLock::new();
        ENC.get_or_init(|| Gb18030Encoder::from_decoder(decode))
    }

    fn reference(s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(s);
        assert!(!unmappable, "reference cannot encode {s:?}");
        bytes.into_owned()
    }

    #[test]
    fn four_byte_layout() {
        assert_eq!(four_byte(0), [0x81, 0x30, 0x81, 0x30]);
        assert_eq!(four_byte(BMP_FOUR_BYTE_LAST), [0x84, 0x31, 0xA4, 0x39]);
        assert_eq!(four_byte(SUPPLEMENTARY_FIRST), [0x90, 0x30, 0x81, 0x30]);
    }

    #[test]
    fn every_cjk_unified_ideograph_matches_the_reference() {
        let text: String = ('\u{4E00}'..='\u{9FFF}')
            .chain('\u{3400}'..='\u{4DBF}')
            .collect();
        assert_eq!(encoder().encode(&text), reference(&text));
    }

    #[test]
    fn every_bmp_character_matches_the_reference() {
        // Surrogates are not chars; U+E5E5 is the one character the standard refuses.
        for c in ('\u{80}'..='\u{FFFF}').filter(|&c| c != '\u{E5E5}') {
            let s = c.to_string();
            assert_eq!(encoder().encode(&s), reference(&s), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn punctuation_ascii_and_supplementary() {
        let text = "客户，。、“”《》￥€…—·：；！？（）【】 abc=1+2 ©®°±×÷";
        assert_eq!(encoder().encode(text), reference(text));
        // The euro sign is 0xA2E3 in GB18030 (0x80 is GBK's single-byte form only).
        assert_eq!(encoder().encode("€"), vec![0xA2, 0xE3]);
        assert_eq!(encoder().encode("，"), vec![0xA3, 0xAC]);
        for s in ["😀", "𠀀", "🇨🇳", "\u{10FFFF}", "合作愉快👍"] {
            assert_eq!(encoder().encode(s), reference(s), "{s}");
        }
        assert_eq!(encoder().encode("😀"), vec![0x94, 0x39, 0xFC, 0x36]);
        assert_eq!(decode(&encoder().encode("𠀀😀")), "𠀀😀");
    }

    #[test]
    fn unmappable_becomes_question_mark() {
        assert_eq!(encoder().encode("a\u{E5E5}b"), b"a?b");
        // The private-use aliases need the decoder's codes of their standard characters.
        assert_eq!(
            encoder().encode("\u{E78D}\u{E864}"),
            vec![0xA6, 0xD9, 0xFE, 0xA0]
        );
        // An encoder built from a decoder that knows nothing maps nothing but ASCII.
        let empty = Gb18030Encoder::from_decoder(|_| String::new());
        assert_eq!(empty.encode("a张€b"), b"a??b");
        // Supplementary characters need no table.
        assert_eq!(empty.encode("😀"), vec![0x94, 0x39, 0xFC, 0x36]);
    }

    #[test]
    fn an_older_decoder_still_never_produces_e5e5() {
        // Before GB18030-2022, 0xA3A0 decoded to U+E5E5; the encoder must still refuse it.
        let index_of_a3a0 = (0xA3 - 0x81) * 190 + (0x7E - 0x40 + 1) + (0xA0 - 0x80);
        let old = |b: &[u8]| {
            let s = decode(b);
            if b.len() != 23_940 * 2 {
                return s;
            }
            let mut chars: Vec<char> = s.chars().collect();
            assert_eq!(chars[index_of_a3a0], '\u{3000}');
            chars[index_of_a3a0] = '\u{E5E5}';
            chars.into_iter().collect()
        };
        let enc = Gb18030Encoder::from_decoder(old);
        assert_eq!(enc.encode("\u{E5E5}\u{3000}"), vec![b'?', 0xA1, 0xA1]);
    }

    #[test]
    fn a_decoder_that_loses_sync_falls_back_to_per_code_calls() {
        use std::cell::Cell;
        let calls = Cell::new(0usize);
        // Emits an extra character for every bulk call, so the length check fails.
        let shifty = |b: &[u8]| {
            calls.set(calls.get() + 1);
            let mut s = decode(b);
            if b.len() > 4 {
                s.insert(0, 'x');
            }
            s
        };
        let enc = Gb18030Encoder::from_decoder(shifty);
        assert!(calls.get() > 2, "fell back to per-code decoding");
        let text = "北京星辰科技，合作😀";
        assert_eq!(enc.encode(text), reference(text));
    }

    #[test]
    fn bulk_decoding_uses_one_call_per_range() {
        use std::cell::Cell;
        let calls = Cell::new(0usize);
        let _ = Gb18030Encoder::from_decoder(|b| {
            calls.set(calls.get() + 1);
            decode(b)
        });
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn customers_csv_matches_the_reference() {
        let csv = crate::io::csv_export::customers_csv(
            &crate::io::csv_export::tests_support::sample(),
            true,
        );
        assert!(csv.contains("客户名称"));
        assert_eq!(encoder().encode(&csv), reference(&csv));
    }
}
