//! Marketing's values in words: opt-out channels and the reasons a segment cannot be saved.

use guanxi_core::marketing::campaign::{CampaignKind, MemberSource, Response};
use guanxi_core::marketing::segments::SegmentProblem;
use guanxi_core::OptOutChannel;

use crate::words::Labelled;
use crate::{Lang, K};

impl Labelled for OptOutChannel {
    fn key(&self) -> K {
        match self {
            OptOutChannel::All => K::ChannelAll,
            OptOutChannel::Phone => K::ChannelPhone,
            OptOutChannel::Email => K::ChannelEmail,
            OptOutChannel::Message => K::ChannelMessage,
            OptOutChannel::Mail => K::ChannelMail,
        }
    }
}

impl Labelled for CampaignKind {
    fn key(&self) -> K {
        match self {
            CampaignKind::TradeFair => K::KindTradeFair,
            CampaignKind::Email => K::KindEmailCampaign,
            CampaignKind::Event => K::KindEvent,
            CampaignKind::Call => K::KindCallCampaign,
            CampaignKind::Ad => K::KindAd,
        }
    }
}

impl Labelled for Response {
    fn key(&self) -> K {
        match self {
            Response::Targeted => K::ResponseTargeted,
            Response::Responded => K::ResponseResponded,
            Response::Opportunity => K::ResponseOpportunity,
            Response::Won => K::ResponseWon,
            Response::OptedOut => K::ResponseOptedOut,
        }
    }
}

impl Labelled for MemberSource {
    fn key(&self) -> K {
        match self {
            MemberSource::Segment => K::SourceSegment,
            MemberSource::LeadList => K::SourceLeadList,
            MemberSource::Hand => K::SourceHand,
        }
    }
}

/// Why a segment was not saved, renamed or deleted, as a sentence.
pub fn segment_problem_text(lang: Lang, problem: SegmentProblem) -> String {
    match problem {
        SegmentProblem::NameRequired => lang.t(K::ProblemSegmentName).into(),
        SegmentProblem::NameTooLong { max } => {
            lang.fmt(K::ProblemSegmentNameLong, &[("max", &max.to_string())])
        }
        SegmentProblem::NameTaken => lang.t(K::ProblemSegmentNameTaken).into(),
        SegmentProblem::NoFilter => lang.t(K::ProblemSegmentNoFilter).into(),
        SegmentProblem::NotFound => lang.t(K::ProblemSegmentGone).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_and_segment_problem_has_its_own_words_in_both_languages() {
        for lang in [Lang::ZhCn, Lang::En] {
            let channels: std::collections::HashSet<&str> =
                OptOutChannel::ALL.iter().map(|c| lang.t(c.key())).collect();
            assert_eq!(channels.len(), OptOutChannel::ALL.len());
            let problems = [
                SegmentProblem::NameRequired,
                SegmentProblem::NameTooLong { max: 60 },
                SegmentProblem::NameTaken,
                SegmentProblem::NoFilter,
                SegmentProblem::NotFound,
            ];
            let texts: std::collections::HashSet<String> = problems
                .iter()
                .map(|p| segment_problem_text(lang, *p))
                .collect();
            assert_eq!(texts.len(), problems.len());
        }
        assert_eq!(
            segment_problem_text(Lang::ZhCn, SegmentProblem::NameTooLong { max: 60 }),
            "分组名称最多 60 个字。"
        );
        assert!(!segment_problem_text(Lang::ZhCn, SegmentProblem::NameTaken)
            .chars()
            .any(|c| c.is_ascii_alphabetic()));
    }
}
