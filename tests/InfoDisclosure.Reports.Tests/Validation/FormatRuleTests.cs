using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using static InfoDisclosure.Reports.Tests.Validation.TableRuleTests;

namespace InfoDisclosure.Reports.Tests.Validation;

public class FormatRuleTests
{
    [Fact]
    public void A_2019_trial_format_report_gets_one_warning_and_no_other_finding()
    {
        var report = SampleReports.Valid(2019);
        report.FormatVersion = ReportFormats.Format2019;
        report.ProactiveDisclosure = null;
        report.LegacyProactiveTables = [new SimpleTable { Caption = "第二十条第（九）项", Rows = [new SimpleRow { Label = "政府集中采购", Cells = [Cell.Of(6), Cell.Parse("251000元")] }] }];
        report.Applications!.Disclosed.Total = Cell.Blank;
        report.ReviewAndLitigation!.AdministrativeReconsideration.Total = Cell.Of(0);

        var findings = ReportValidator.Validate(report);

        var finding = Assert.Single(findings);
        Assert.Equal((Rules.FormatLegacy, Severity.Warning, "全文"), (finding.Rule, finding.Severity, finding.Where));
        Assert.Contains("2021年格式", finding.Message);
        Assert.Contains("重新编制", finding.Message);
    }

    [Fact]
    public void A_report_for_2021_or_later_in_the_trial_format_is_an_error()
    {
        var report = SampleReports.Valid(2022);
        report.FormatVersion = ReportFormats.Format2019;

        var finding = Assert.Single(ReportValidator.Validate(report));
        Assert.Equal((Rules.FormatLegacy, Severity.Error), (finding.Rule, finding.Severity));
        Assert.Contains("2022年度", finding.Message);
    }

    [Fact]
    public void An_unknown_format_version_is_an_error_and_the_report_is_still_checked()
    {
        var report = SampleReports.Valid();
        report.FormatVersion = "2031";
        report.ReviewAndLitigation!.AdministrativeReconsideration.Upheld = Cell.Of(9);

        Assert.Equal(
            [(Rules.FormatLegacy, Severity.Error, "全文"), (Rules.T4Total, Severity.Error, "四.行政复议.总计")],
            Keys(ReportValidator.Validate(report)));
    }
}
