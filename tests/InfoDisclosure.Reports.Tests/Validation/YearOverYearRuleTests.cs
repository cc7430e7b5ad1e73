using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using static InfoDisclosure.Reports.Tests.Validation.TableRuleTests;

namespace InfoDisclosure.Reports.Tests.Validation;

public class YearOverYearRuleTests
{
    [Fact]
    public void A_report_that_continues_last_year_has_no_finding()
    {
        var report = SampleReports.Valid();
        Assert.Empty(ReportValidator.Validate(report, SampleReports.PreviousOf(report)));
    }

    [Fact]
    public void Carried_over_that_differs_from_last_years_carried_forward_breaks_YEAR_CARRYOVER()
    {
        var report = SampleReports.Valid();
        var previous = SampleReports.PreviousOf(report);
        previous.Applications!.CarriedForwardToNextYear.CommercialEnterprise = Cell.Of(4);

        Assert.Equal(
            [new Finding(Rules.YearCarryover, Severity.Error, "三.二、上年结转政府信息公开申请数量.商业企业",
                "二、上年结转（商业企业）为1，但2023年度报告“四、结转下年度继续办理”为4")],
            ReportValidator.Validate(report, previous));
    }

    [Fact]
    public void Documents_in_force_that_do_not_follow_from_last_year_give_a_T2_IN_FORCE_warning()
    {
        var report = SampleReports.Valid();
        var previous = SampleReports.PreviousOf(report);
        report.ProactiveDisclosure!.NormativeDocuments.InForce = Cell.Of(41);

        var finding = Assert.Single(ReportValidator.Validate(report, previous));
        Assert.Equal((Rules.T2InForce, Severity.Warning, "二.第二十条第（一）项.行政规范性文件.现行有效件数"), (finding.Rule, finding.Severity, finding.Where));
        Assert.StartsWith("行政规范性文件现行有效件数为41，但2023年度报告的37＋本年制发5－本年废止2＝40", finding.Message);
    }

    [Fact]
    public void A_previous_report_of_another_year_is_not_compared_and_says_so()
    {
        var report = SampleReports.Valid();
        var previous = SampleReports.PreviousOf(report);
        previous.Year = 2021;
        previous.Applications!.CarriedForwardToNextYear.CommercialEnterprise = Cell.Of(4);

        Assert.Equal([(Rules.YearCarryover, Severity.Warning, "标题")], Keys(ReportValidator.Validate(report, previous)));
    }

    [Fact]
    public void Without_last_years_report_no_cross_year_rule_runs()
    {
        var report = SampleReports.Valid();
        report.Applications!.CarriedOverFromLastYear.Other = Cell.Of(0);
        report.ProactiveDisclosure!.Rules.InForce = Cell.Of(99);
        Assert.DoesNotContain(ReportValidator.Validate(report), f => f.Rule is Rules.YearCarryover or Rules.T2InForce);
    }
}
