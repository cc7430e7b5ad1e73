using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Tests.Validation;

public class TableRuleTests
{
    internal static IEnumerable<(string Rule, Severity Severity, string Where)> Keys(IEnumerable<Finding> findings) =>
        findings.Select(f => (f.Rule, f.Severity, f.Where));

    [Fact]
    public void A_consistent_report_has_no_finding() => Assert.Empty(ReportValidator.Validate(SampleReports.Valid()));

    [Fact]
    public void Carried_over_that_does_not_balance_breaks_T3_BALANCE_in_its_columns()
    {
        var report = SampleReports.Valid();
        var carried = report.Applications!.CarriedOverFromLastYear;
        carried.NaturalPerson = Cell.Of(carried.NaturalPerson.Number + 1);
        carried.Total = Cell.Of(carried.Total.Number + 1);

        var findings = ReportValidator.Validate(report);

        Assert.Equal(
            [(Rules.T3Balance, Severity.Error, "三.自然人"), (Rules.T3Balance, Severity.Error, "三.总计")],
            Keys(findings));
        var table = report.Applications;
        Assert.Equal(
            $"自然人列：一、本年新收{table.NewApplications.NaturalPerson}＋二、上年结转3＝{table.NewApplications.NaturalPerson.Number + 3}，" +
            $"但三（七）总计{table.ResultsTotal.NaturalPerson}＋四、结转下年度继续办理3＝{table.ResultsTotal.NaturalPerson.Number + 3}",
            findings[0].Message);
    }

    [Fact]
    public void A_result_item_not_in_the_total_breaks_T3_RESULTS_SUM()
    {
        var report = SampleReports.Valid();
        var disclosed = report.Applications!.Disclosed;
        disclosed.CommercialEnterprise = Cell.Of(disclosed.CommercialEnterprise.Number + 2);
        disclosed.Total = Cell.Of(disclosed.Total.Number + 2);

        var findings = ReportValidator.Validate(report);

        Assert.Equal(
            [(Rules.T3ResultsSum, Severity.Error, "三.（七）总计.商业企业"), (Rules.T3ResultsSum, Severity.Error, "三.（七）总计.总计")],
            Keys(findings));
        var stated = report.Applications.ResultsTotal.CommercialEnterprise.Number;
        Assert.Equal($"（七）总计（商业企业）为{stated}，但（一）至（六）各项办理结果之和为{stated + 2}", findings[0].Message);
    }

    [Fact]
    public void The_single_row_form_of_other_processing_counts_in_the_results_sum()
    {
        var report = SampleReports.Valid();
        var table = report.Applications!;
        var single = SampleReports.Counts(natural: 0);
        foreach (var column in ApplicantCounts.Columns)
        {
            single[column] = Cell.Of(table.OtherProcessing.CorrectionOverdue![column].Number + table.OtherProcessing.FeeUnpaid![column].Number
                + table.OtherProcessing.Other![column].Number);
        }
        table.OtherProcessing = OtherProcessingCounts.AsSingleRow(single);
        Assert.Empty(ReportValidator.Validate(report));

        single.NaturalPerson = Cell.Of(single.NaturalPerson.Number + 1);
        single.Total = Cell.Of(single.Total.Number + 1);
        Assert.Equal(
            [(Rules.T3ResultsSum, Severity.Error, "三.（七）总计.自然人"), (Rules.T3ResultsSum, Severity.Error, "三.（七）总计.总计")],
            Keys(ReportValidator.Validate(report)));
    }

    [Fact]
    public void A_figure_moved_from_one_row_to_another_breaks_T3_ROW_TOTAL_of_both_rows()
    {
        var report = SampleReports.Valid();
        var notDisclosed = report.Applications!.NotDisclosed;
        notDisclosed.StateSecret.NaturalPerson = Cell.Of(notDisclosed.StateSecret.NaturalPerson.Number + 1);
        notDisclosed.ProhibitedByLaw.NaturalPerson = Cell.Of(notDisclosed.ProhibitedByLaw.NaturalPerson.Number - 1);

        var findings = ReportValidator.Validate(report);

        Assert.Equal(
            [
                (Rules.T3RowTotal, Severity.Error, "三.（三）不予公开.1.属于国家秘密.总计"),
                (Rules.T3RowTotal, Severity.Error, "三.（三）不予公开.2.其他法律行政法规禁止公开.总计"),
            ],
            Keys(findings));
        Assert.Equal("“（三）不予公开.1.属于国家秘密”总计为3，但自然人4＋商业企业0＋科研机构0＋社会公益组织0＋法律服务机构0＋其他0＝4", findings[0].Message);
    }

    [Fact]
    public void A_wrong_total_of_new_applications_is_named_by_its_row_and_column()
    {
        var report = SampleReports.Valid();
        report.Applications!.NewApplications.Total = Cell.Of(report.Applications.NewApplications.Total.Number + 1);

        var findings = ReportValidator.Validate(report);

        // The 总计 column then no longer balances either; the narrative still quotes the right figure (not accepted any more).
        Assert.Contains((Rules.T3RowTotal, Severity.Error, "三.一、本年新收政府信息公开申请数量.总计"), Keys(findings));
        Assert.Contains((Rules.T3Balance, Severity.Error, "三.总计"), Keys(findings));
    }

    [Theory]
    [InlineData("reconsideration", "四.行政复议.总计", "行政复议总计为11，但结果维持9＋结果纠正1＋其他结果0＋尚未审结0＝10")]
    [InlineData("without", "四.行政诉讼.未经复议直接起诉.总计", "行政诉讼（未经复议直接起诉）总计为3，但结果维持1＋结果纠正0＋其他结果1＋尚未审结0＝2")]
    [InlineData("after", "四.行政诉讼.复议后起诉.总计", "行政诉讼（复议后起诉）总计为2，但结果维持0＋结果纠正0＋其他结果0＋尚未审结1＝1")]
    public void An_outcome_that_does_not_add_up_breaks_T4_TOTAL(string group, string where, string message)
    {
        var report = SampleReports.Valid();
        var section = report.ReviewAndLitigation!;
        var outcome = group switch
        {
            "reconsideration" => section.AdministrativeReconsideration,
            "without" => section.LitigationWithoutReconsideration,
            _ => section.LitigationAfterReconsideration,
        };
        outcome.Upheld = Cell.Of(outcome.Upheld.Number - 1);

        var findings = ReportValidator.Validate(report);

        Assert.Equal([new Finding(Rules.T4Total, Severity.Error, where, message)], findings);
    }

    [Fact]
    public void A_total_of_zero_over_non_zero_outcomes_is_reported_as_in_the_hongze_report()
    {
        var report = SampleReports.Valid();
        // The narrative must not quote the figure, or TEXT.FIGURE_MISMATCH would (rightly) add a warning.
        report.Overview.DisclosureOnRequest.Paragraphs = ["依申请公开工作规范有序。"];
        report.ReviewAndLitigation!.AdministrativeReconsideration.Total = Cell.Of(0);

        Assert.Equal(
            [new Finding(Rules.T4Total, Severity.Error, "四.行政复议.总计", "行政复议总计为0，但结果维持10＋结果纠正1＋其他结果0＋尚未审结0＝11")],
            ReportValidator.Validate(report));
    }
}
