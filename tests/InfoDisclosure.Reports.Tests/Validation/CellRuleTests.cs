using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using static InfoDisclosure.Reports.Tests.Validation.TableRuleTests;

namespace InfoDisclosure.Reports.Tests.Validation;

public class CellRuleTests
{
    [Fact]
    public void A_blank_cell_is_one_CELL_BLANK_error_and_the_sums_through_it_are_skipped()
    {
        var report = SampleReports.Valid();
        report.Applications!.NotDisclosed.StateSecret.NaturalPerson = Cell.Blank;

        var findings = ReportValidator.Validate(report);

        Assert.Equal(
            [new Finding(Rules.CellBlank, Severity.Error, "三.（三）不予公开.1.属于国家秘密.自然人", "未填写（格式要求每格填写数字，没有的填0）")],
            findings);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("—")]
    public void A_slash_or_dash_instead_of_a_figure_is_CELL_BLANK(string mark)
    {
        var report = SampleReports.Valid();
        report.ReviewAndLitigation!.LitigationAfterReconsideration.Total = Cell.Parse(mark);

        var findings = ReportValidator.Validate(report);

        Assert.Equal([(Rules.CellBlank, Severity.Error, "四.行政诉讼.复议后起诉.总计")], Keys(findings));
        Assert.Contains($"“{mark}”", findings[0].Message);
    }

    [Theory]
    [InlineData("-3", "件数为负数-3")]
    [InlineData("2.5", "件数2.5不是整数")]
    [InlineData("12件", "“12件”不是件数（应填整数）")]
    public void A_count_that_is_not_a_whole_non_negative_number_is_CELL_INVALID(string text, string message)
    {
        var report = SampleReports.Valid();
        report.ProactiveDisclosure!.AdministrativeLicensing = Cell.Parse(text);

        Assert.Equal(
            [new Finding(Rules.CellInvalid, Severity.Error, "二.第二十条第（五）项.行政许可.本年处理决定数量", message)],
            ReportValidator.Validate(report));
    }

    [Theory]
    [InlineData("-1.5", "收费金额为负数-1.5")]
    [InlineData("251000元", "“251000元”不是金额（应填以万元为单位的数字，可带小数）")]
    public void A_fee_that_is_not_a_non_negative_amount_is_CELL_INVALID(string text, string message)
    {
        var report = SampleReports.Valid();
        report.ProactiveDisclosure!.AdministrativeFees = Cell.Parse(text);

        Assert.Equal(
            [new Finding(Rules.CellInvalid, Severity.Error, "二.第二十条第（八）项.行政事业性收费.本年收费金额", message)],
            ReportValidator.Validate(report));
    }

    [Fact]
    public void A_fee_with_decimals_is_valid()
    {
        var report = SampleReports.Valid();
        report.ProactiveDisclosure!.AdministrativeFees = Cell.Parse("96171.6");
        Assert.Empty(ReportValidator.Validate(report));
    }

    [Fact]
    public void A_negative_count_in_section_three_is_CELL_INVALID_and_not_summed()
    {
        var report = SampleReports.Valid();
        report.Applications!.CarriedForwardToNextYear.Other = Cell.Of(-1);

        Assert.Equal(
            [(Rules.CellInvalid, Severity.Error, "三.四、结转下年度继续办理.其他")],
            Keys(ReportValidator.Validate(report)));
    }

    [Fact]
    public void Every_cell_of_section_two_is_checked()
    {
        var report = SampleReports.Valid();
        report.ProactiveDisclosure = new ProactiveDisclosure();

        Assert.Equal(
            [
                "二.第二十条第（一）项.规章.本年制发件数", "二.第二十条第（一）项.规章.本年废止件数", "二.第二十条第（一）项.规章.现行有效件数",
                "二.第二十条第（一）项.行政规范性文件.本年制发件数", "二.第二十条第（一）项.行政规范性文件.本年废止件数",
                "二.第二十条第（一）项.行政规范性文件.现行有效件数",
                "二.第二十条第（五）项.行政许可.本年处理决定数量", "二.第二十条第（六）项.行政处罚.本年处理决定数量",
                "二.第二十条第（六）项.行政强制.本年处理决定数量", "二.第二十条第（八）项.行政事业性收费.本年收费金额",
            ],
            ReportValidator.Validate(report).Where(f => f.Rule == Rules.CellBlank).Select(f => f.Where));
    }
}
