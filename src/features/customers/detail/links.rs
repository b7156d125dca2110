//! Links built from stored text. Only tel: and mailto: are ever produced from user data, and
//! only from values that validate, so no stored text can become a javascript: or other link.

use guanxi_core::model::validate;

/// `tel:` with the number's digits (and a leading +), for a valid phone number.
pub fn tel_href(value: &str) -> Option<String> {
    validate::phone(value).ok()?;
    let trimmed = value.trim();
    let mut href = String::from("tel:");
    if trimmed.starts_with('+') || trimmed.starts_with('＋') {
        href.push('+');
    }
    href.extend(
        validate::fold_width(trimmed)
            .chars()
            .filter(char::is_ascii_digit),
    );
    Some(href)
}

/// `mailto:` for a valid e-mail address, percent-encoded.
pub fn mailto_href(value: &str) -> Option<String> {
    validate::email(value).ok()?;
    let address = validate::fold_width(value.trim());
    Some(format!(
        "mailto:{}",
        String::from(js_sys::encode_uri(&address))
    ))
}
