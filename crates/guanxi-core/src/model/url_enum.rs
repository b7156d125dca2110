//! Enumerations whose values travel in URLs (filters, sort keys): one list names the variants
//! and their query strings, and the macro writes `ALL`, `as_str` and a forgiving `parse`, so a
//! new variant cannot be forgotten in one of the three.

/// A value that travels in a URL query: what [`url_enum!`] declares, for code that works on any
/// of them (a list sorted by any column).
pub trait UrlValue: Sized {
    fn as_str(&self) -> &'static str;
    fn parse(s: &str) -> Option<Self>;
}

/// Declares an enum with a stable query string per variant. The strings are part of bookmarked
/// and shared links, so they never change once shipped; `parse` ignores ASCII case and
/// surrounding blanks (hand-edited URLs).
macro_rules! url_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant,)+];

            /// The URL query value.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// Parses [`Self::as_str`], ignoring ASCII case and surrounding blanks.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL
                    .into_iter()
                    .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
            }
        }

        impl $crate::model::url_enum::UrlValue for $name {
            fn as_str(&self) -> &'static str {
                $name::as_str(self)
            }

            fn parse(s: &str) -> Option<Self> {
                $name::parse(s)
            }
        }
    };
}

pub(crate) use url_enum;

#[cfg(test)]
mod tests {
    url_enum! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Colour {
            Red = "red",
            DarkBlue = "dark_blue",
        }
    }

    #[test]
    fn every_variant_round_trips_and_parsing_forgives_case_and_blanks() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::DarkBlue]);
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.as_str()), Some(c));
        }
        assert_eq!(Colour::parse("  DARK_Blue "), Some(Colour::DarkBlue));
        assert_eq!(Colour::parse("green"), None);
        assert_eq!(Colour::parse(""), None);
    }
}
