using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;
using static InfoDisclosure.Reports.Tests.Validation.TableRuleTests;

namespace InfoDisclosure.Reports.Tests.Validation;

/// <summary>The published reports in shared/fixtures, imported as text and checked.</summary>
public class FixtureValidationTests
{
    private static AnnualReport Import(string name) => ReportImporter.ImportText(TestPaths.ReadFixture(name)).Report;

    [Fact]
    public void The_2023_hongze_report_has_exactly_its_two_wrong_totals_in_section_four()
    {
        Assert.Equal(
            [
                new Finding(Rules.T4Total, Severity.Error, "四.行政复议.总计", "行政复议总计为0，但结果维持10＋结果纠正1＋其他结果0＋尚未审结0＝11"),
                new Finding(Rules.T4Total, Severity.Error, "四.行政诉讼.复议后起诉.总计", "行政诉讼（复议后起诉）总计为0，但结果维持5＋结果纠正0＋其他结果0＋尚未审结0＝5"),
            ],
            ReportValidator.Validate(Import("2023_hongze_district_gov.txt")));
    }

    [Theory]
    [InlineData("2022_hongsibu_approval_bureau.txt")]
    [InlineData("2024_huaian_city_gov.txt")]
    public void Consistent_published_reports_have_no_finding(string name) => Assert.Empty(ReportValidator.Validate(Import(name)));

    [Fact]
    public void The_2024_hongze_report_says_17_applications_where_its_table_says_95()
    {
        Assert.Equal(
            [new Finding(Rules.TextFigureMismatch, Severity.Warning, "一.（二）依申请公开情况",
                "正文“受理政府信息公开申请17件”与表格不符：表三“一、本年新收政府信息公开申请数量”总计为95")],
            ReportValidator.Validate(Import("2024_hongze_district_gov.txt")));
    }

    [Fact]
    public void The_2024_hongze_report_continues_its_2023_report()
    {
        var findings = ReportValidator.Validate(Import("2024_hongze_district_gov.txt"), Import("2023_hongze_district_gov.txt"));
        Assert.Equal([Rules.TextFigureMismatch], findings.Select(f => f.Rule));
    }

    [Fact]
    public void The_2019_shanghai_report_is_recognised_as_the_trial_format_and_not_checked_cell_by_cell()
    {
        var finding = Assert.Single(ReportValidator.Validate(Import("2019_shanghai_gov_office_OLD_FORMAT.txt")));
        Assert.Equal((Rules.FormatLegacy, Severity.Warning, "全文"), (finding.Rule, finding.Severity, finding.Where));
    }

    [Fact]
    public void A_changed_results_total_in_the_huaian_report_breaks_the_three_sums_it_is_in()
    {
        var report = Import("2024_huaian_city_gov.txt");
        report.Applications!.ResultsTotal.NaturalPerson = Cell.Of(2933);

        var findings = ReportValidator.Validate(report);

        Assert.Equal(
            [
                (Rules.T3Balance, Severity.Error, "三.自然人"),
                (Rules.T3ResultsSum, Severity.Error, "三.（七）总计.自然人"),
                (Rules.T3RowTotal, Severity.Error, "三.（七）总计.总计"),
            ],
            Keys(findings));
        Assert.Equal("自然人列：一、本年新收3001＋二、上年结转34＝3035，但三（七）总计2933＋四、结转下年度继续办理103＝3036", findings[0].Message);
        Assert.Equal("（七）总计（自然人）为2933，但（一）至（六）各项办理结果之和为2932", findings[1].Message);
    }

    [Fact]
    public void A_next_year_draft_from_a_fixture_flags_copied_text_but_not_last_years_figures_in_it()
    {
        var previous = Import("2024_huaian_city_gov.txt");
        var draft = NewReport.Create(previous.AgencyName, 2025, previous);
        // This year's tables, consistent: nothing new, last year's carried-over applications still open at year end.
        // The figures quoted in the copied text (3119 applications, 351 reconsiderations) are last year's.
        foreach (var (_, counts) in ApplicationRows.Present(draft.Applications!))
        {
            foreach (var column in ApplicantCounts.Columns) if (counts[column].IsBlank) counts[column] = Cell.Of(0);
        }
        foreach (var column in ApplicantCounts.Columns)
        {
            draft.Applications!.CarriedForwardToNextYear[column] = draft.Applications.CarriedOverFromLastYear[column];
        }

        var findings = ReportValidator.Validate(draft, previous);

        Assert.DoesNotContain(findings, f => f.Rule is Rules.TextFigureMismatch or Rules.YearCarryover or Rules.T3Balance or Rules.T3ResultsSum or Rules.T3RowTotal);
        Assert.Contains(findings, f => f is { Rule: Rules.TextUnrevised, Where: "一.（二）依申请公开情况" });
    }
}
