//! The editor's fonts: egui's defaults, with Hack as the last fallback of
//! the proportional family. Ubuntu Light, the text font, has no arrows, and
//! finding messages name interfaces as "A → B".

/// egui's default fonts with the fallback added.
#[must_use]
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    let fallback = "Hack".to_owned();
    if fonts.font_data.contains_key(&fallback)
        && let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional)
        && !family.contains(&fallback)
    {
        family.push(fallback);
    }
    fonts
}

#[cfg(test)]
mod tests {
    #[test]
    fn proportional_text_falls_back_to_a_font_with_arrows() {
        let fonts = super::definitions();
        let family = &fonts.families[&egui::FontFamily::Proportional];
        assert_eq!(family.last().map(String::as_str), Some("Hack"));
        assert_eq!(family.first().map(String::as_str), Some("Ubuntu-Light"));
    }
}
