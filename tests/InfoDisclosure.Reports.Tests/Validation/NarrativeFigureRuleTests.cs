using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using static InfoDisclosure.Reports.Tests.Validation.TableRuleTests;

namespace InfoDisclosure.Reports.Tests.Validation;

public class NarrativeFigureRuleTests
{
    private static IReadOnlyList<Finding> ValidateWithText(string text, Action<AnnualReport>? change = null)
    {
        var report = SampleReports.Valid();
        report.Overview.DisclosureOnRequest.Paragraphs = [text];
        change?.Invoke(report);
        return ReportValidator.Validate(report);
    }

    private static decimal Received(AnnualReport report) => report.Applications!.NewApplications.Total.Number;

    [Fact]
    public void Applications_received_stated_lower_than_the_table_is_a_warning()
    {
        var report = SampleReports.Valid();
        report.Overview.DisclosureOnRequest.Paragraphs = ["2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。"];

        var finding = Assert.Single(ReportValidator.Validate(report));

        Assert.Equal((Rules.TextFigureMismatch, Severity.Warning, "一.（二）依申请公开情况"), (finding.Rule, finding.Severity, finding.Where));
        Assert.Equal(
            $"正文“受理政府信息公开申请17件”与表格不符：表三“一、本年新收政府信息公开申请数量”总计为{Received(report)}（连同上年结转为{Received(report) + 3}）",
            finding.Message);
    }

    [Theory]
    [InlineData("全市共受理政府信息公开申请{0}件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。")]
    [InlineData("本年度共收到政府信息公开申请{0}件。")]
    [InlineData("新收政府信息公开申请共计{0}件。")]
    [InlineData("受理政府信息公开申请{1}件（含上年结转3件）。")]
    [InlineData("全年办理行政复议120件，行政诉讼30件。")]
    [InlineData("无一起政府信息公开行政复议被纠错。")]
    public void Matching_figures_and_other_statements_give_no_warning(string template)
    {
        var report = SampleReports.Valid();
        var text = string.Format(template, Received(report), Received(report) + 3);
        Assert.Empty(ValidateWithText(text));
    }

    [Fact]
    public void Full_width_digits_are_read()
    {
        var report = SampleReports.Valid();
        var text = $"共受理政府信息公开申请{Received(report)}件。".Replace("1", "１").Replace("2", "２").Replace("5", "５");
        Assert.Empty(ValidateWithText(text));
    }

    [Fact]
    public void No_applications_received_against_a_non_zero_table_is_a_warning()
    {
        var finding = Assert.Single(ValidateWithText("2024年，我局未收到政府信息公开申请。"));
        Assert.Equal(Rules.TextFigureMismatch, finding.Rule);
        Assert.StartsWith("正文“未收到政府信息公开申请”与表格不符：表三“一、本年新收政府信息公开申请数量”总计为", finding.Message);
    }

    [Fact]
    public void Reconsideration_count_that_contradicts_section_four_is_a_warning()
    {
        var finding = Assert.Single(ValidateWithText("政府信息公开行政复议12件，其中结果维持10件。"));
        Assert.Equal(
            new Finding(Rules.TextFigureMismatch, Severity.Warning, "一.（二）依申请公开情况", "正文“行政复议12件”与表格不符：表四行政复议总计为11"),
            finding);
    }

    [Fact]
    public void Litigation_count_is_compared_with_both_litigation_totals()
    {
        Assert.Empty(ValidateWithText("政府信息公开行政诉讼5件。"));
        var finding = Assert.Single(ValidateWithText("政府信息公开行政诉讼3件。"));
        Assert.Equal("正文“诉讼3件”与表格不符：表四行政诉讼总计为未经复议直接起诉3＋复议后起诉2＝5", finding.Message);
    }

    [Fact]
    public void No_reconsideration_or_litigation_against_non_zero_tables_warns_for_both()
    {
        var findings = ValidateWithText("无因政府信息公开申请引起的行政复议、行政诉讼案件。");
        Assert.Equal(
            [
                "正文“无因政府信息公开申请引起的行政复议、行政诉讼”与表格不符：表四行政复议总计为11",
                "正文“无因政府信息公开申请引起的行政复议、行政诉讼”与表格不符：表四行政诉讼总计为未经复议直接起诉3＋复议后起诉2＝5",
            ],
            findings.Select(f => f.Message));
    }

    [Fact]
    public void No_applications_and_no_cases_agree_with_all_zero_tables()
    {
        var report = SampleReports.Valid();
        report.Overview.DisclosureOnRequest.Paragraphs = ["2022年，我局未收到政府信息公开申请，无因政府信息公开申请引起的行政复议、行政诉讼案件。"];
        foreach (var (row, counts) in ApplicationRows.Present(report.Applications!))
        {
            foreach (var column in ApplicantCounts.Columns) counts[column] = Cell.Of(0);
        }
        foreach (var group in ReportCells.ReviewGroups.Select(g => g.Get(report.ReviewAndLitigation!)))
        {
            group.Upheld = group.Corrected = group.OtherResult = group.Pending = group.Total = Cell.Of(0);
        }
        Assert.Empty(ReportValidator.Validate(report));
    }

    [Fact]
    public void When_one_statement_matches_the_table_another_of_the_same_kind_is_not_reported()
    {
        var report = SampleReports.Valid();
        report.Overview.DisclosureOnRequest.Paragraphs =
            [$"市政府办公室受理政府信息公开申请17件；全市共受理政府信息公开申请{Received(report)}件。"];
        Assert.Empty(ReportValidator.Validate(report));
    }

    [Fact]
    public void Figures_in_other_sections_are_read_too()
    {
        var report = SampleReports.Valid();
        report.Overview.DisclosureOnRequest.Paragraphs = ["依申请公开工作规范有序。"];
        report.OtherMatters.Introduction.Add("全年政府信息公开行政复议9件。");
        var finding = Assert.Single(ReportValidator.Validate(report));
        Assert.Equal((Rules.TextFigureMismatch, "六"), (finding.Rule, finding.Where));
    }
}
