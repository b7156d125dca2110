//! Holiday greetings in words: why a holiday could not be saved or dated.

use guanxi_core::marketing::greetings::HolidayProblem;

use crate::{Lang, K};

/// Why a holiday was not added, renamed, deleted or dated, as a sentence.
pub fn holiday_problem_text(lang: Lang, problem: HolidayProblem) -> String {
    let n = |key, name: &str, v: String| lang.fmt(key, &[(name, &v)]);
    match problem {
        HolidayProblem::NameRequired => lang.t(K::ProblemHolidayName).into(),
        HolidayProblem::NameTooLong { max } => n(K::ProblemHolidayNameLong, "max", max.to_string()),
        HolidayProblem::NameTaken => lang.t(K::ProblemHolidayNameTaken).into(),
        HolidayProblem::InvalidDay => lang.t(K::ProblemHolidayDay).into(),
        HolidayProblem::InvalidDate => lang.t(K::ProblemHolidayDate).into(),
        HolidayProblem::DateNotInYear { year } => {
            n(K::ProblemHolidayDateYear, "year", year.to_string())
        }
        HolidayProblem::NotPerYear => lang.t(K::ProblemHolidayNotPerYear).into(),
        HolidayProblem::InvalidDaysBefore { max } => {
            n(K::ProblemHolidayDaysBefore, "max", max.to_string())
        }
        HolidayProblem::NotFound => lang.t(K::ProblemHolidayGone).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_holiday_problem_has_its_own_words_in_both_languages() {
        let problems = [
            HolidayProblem::NameRequired,
            HolidayProblem::NameTooLong { max: 40 },
            HolidayProblem::NameTaken,
            HolidayProblem::InvalidDay,
            HolidayProblem::InvalidDate,
            HolidayProblem::DateNotInYear { year: 2029 },
            HolidayProblem::NotPerYear,
            HolidayProblem::InvalidDaysBefore { max: 60 },
            HolidayProblem::NotFound,
        ];
        for lang in [Lang::ZhCn, Lang::En] {
            let texts: std::collections::HashSet<String> = problems
                .iter()
                .map(|p| holiday_problem_text(lang, *p))
                .collect();
            assert_eq!(texts.len(), problems.len());
        }
        assert_eq!(
            holiday_problem_text(Lang::ZhCn, HolidayProblem::DateNotInYear { year: 2029 }),
            "日期须在 2029 年内。"
        );
        assert_eq!(
            holiday_problem_text(Lang::En, HolidayProblem::InvalidDaysBefore { max: 60 }),
            "Days before must be a whole number from 0 to 60."
        );
    }
}
