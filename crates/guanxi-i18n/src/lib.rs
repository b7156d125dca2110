//! Every word the app shows, in Simplified Chinese and English. Each namespace (shell,
//! customers, pipeline, daily work, data, settings, system, labels, errors) has its own file
//! under `src/text/`; the build joins them into one [`K`] enum, so a key without both texts
//! does not compile. [`words`] names the domain's values (enumerations, validation problems,
//! storage errors, import outcomes). No browser code: all of it is tested natively in seconds.

pub mod greetings;
pub mod marketing;
#[cfg(test)]
mod tests;
pub mod words;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    ZhCn,
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and the stored preference.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The text for `key` in this language.
    pub fn t(self, key: K) -> &'static str {
        key.text(self)
    }

    /// Like [`Lang::t`], replacing `{name}` placeholders with the values given.
    pub fn fmt(self, key: K, args: &[(&str, &str)]) -> String {
        args.iter()
            .fold(self.t(key).to_string(), |s, (name, value)| {
                s.replace(&format!("{{{name}}}"), value)
            })
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.to_ascii_lowercase();
        if tag.starts_with("zh") {
            Some(Lang::ZhCn)
        } else if tag.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

macro_rules! keys {
    ($($key:ident => ($zh:expr, $en:expr),)*) => {
        /// A translatable text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum K { $($key,)* }

        impl K {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((K::$key, Lang::ZhCn) => $zh, (K::$key, Lang::En) => $en,)*
                }
            }
        }

        /// Every key with its name, for the tests (kept out of the app's download).
        #[cfg(test)]
        pub(crate) const ALL: &[(K, &str)] = &[$((K::$key, stringify!($key)),)*];
    };
}

include!(concat!(env!("OUT_DIR"), "/keys.rs"));
