using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Tests.Validation;

public class NewReportTests
{
    [Fact]
    public void A_new_report_has_every_table_with_every_cell_blank()
    {
        var report = NewReport.Create("某市某局", 2025);

        Assert.Equal(("某市某局", 2025, ReportFormats.Format2021), (report.AgencyName, report.Year, report.FormatVersion));
        var findings = ReportValidator.Validate(report);
        // 10 cells of section 二, 25 rows × 7 columns of 三, 15 cells of 四: each blank, and no sum rule piles on.
        Assert.Equal(10 + 25 * 7 + 15, findings.Count(f => f.Rule == Rules.CellBlank));
        Assert.Equal(25, ApplicationRows.Present(report.Applications!).Count());
        Assert.DoesNotContain(findings, f => f.Rule.StartsWith("T", StringComparison.Ordinal));
        Assert.Contains(findings, f => f is { Rule: Rules.SectionMissing, Where: "一" });
        Assert.Contains(findings, f => f is { Rule: Rules.SectionMissing, Where: "五" });
    }

    [Fact]
    public void Last_years_carried_forward_becomes_this_years_carried_over_per_column()
    {
        var previous = SampleReports.Valid(2024);
        previous.Applications!.CarriedForwardToNextYear.Other = Cell.Parse("/");

        var report = NewReport.Create("某市某局", 2025, previous);

        var carried = report.Applications!.CarriedOverFromLastYear;
        Assert.Equal(Cell.Of(3), carried.NaturalPerson);
        Assert.Equal(Cell.Of(1), carried.LegalServiceAgency);
        Assert.Equal(Cell.Of(4), carried.Total);
        // A "/" last year is not a figure to repeat: it stays blank for the author.
        Assert.Equal(Cell.Blank, carried.Other);
        Assert.True(report.Applications.NewApplications.NaturalPerson.IsBlank);
        Assert.True(report.Applications.CarriedForwardToNextYear.NaturalPerson.IsBlank);
        Assert.DoesNotContain(ReportValidator.Validate(report, previous), f => f.Rule == Rules.YearCarryover);
    }

    [Fact]
    public void Documents_in_force_are_carried_and_this_years_issued_and_repealed_left_blank()
    {
        var previous = SampleReports.Valid(2024);
        var report = NewReport.Create("某市某局", 2025, previous);

        var proactive = report.ProactiveDisclosure!;
        Assert.Equal((Cell.Of(3), Cell.Of(40)), (proactive.Rules.InForce, proactive.NormativeDocuments.InForce));
        Assert.True(proactive.NormativeDocuments.Issued.IsBlank && proactive.NormativeDocuments.Repealed.IsBlank);
        Assert.True(proactive.AdministrativeLicensing.IsBlank && proactive.AdministrativeFees.IsBlank);

        // Once this year's figures are in, the carried figure agrees with T2.IN_FORCE.
        proactive.NormativeDocuments.Issued = Cell.Of(2);
        proactive.NormativeDocuments.Repealed = Cell.Of(1);
        proactive.NormativeDocuments.InForce = Cell.Of(41);
        Assert.DoesNotContain(ReportValidator.Validate(report, previous), f => f.Rule == Rules.T2InForce);
    }

    [Fact]
    public void Contact_and_opening_are_carried_with_the_year_moved_on()
    {
        var previous = SampleReports.Valid(2024);
        var report = NewReport.Create("某市某局", 2025, previous);

        Assert.Equal(("某市某路1号", "100000", "010-12345678"), (report.Opening.Contact.Address, report.Opening.Contact.Postcode, report.Opening.Contact.Phone));
        var opening = Assert.Single(report.Opening.Paragraphs);
        Assert.Contains("自2025年1月1日至2025年12月31日", opening);
        Assert.DoesNotContain(NewReport.UnrevisedMarker, opening);
        // The copy is a copy: changing it leaves last year's report alone.
        report.Opening.Contact.Phone = "010-1";
        Assert.Equal("010-12345678", previous.Opening.Contact.Phone);
    }

    [Fact]
    public void Last_years_narrative_is_copied_marked_and_warned_about_until_revised()
    {
        var previous = SampleReports.Valid(2024);
        var report = NewReport.Create("某市某局", 2025, previous);

        Assert.Equal(NewReport.UnrevisedMarker + "2024年主动公开政府信息120条。", Assert.Single(report.Overview.ProactiveDisclosure.Paragraphs));
        Assert.Equal("主动公开情况", report.Overview.ProactiveDisclosure.Title);
        Assert.Null(report.OtherMatters.ProcessingFeeYuan);

        var unrevised = ReportValidator.Validate(report, previous).Where(f => f.Rule == Rules.TextUnrevised).ToList();
        Assert.Equal(
            ["一", "一.（一）主动公开情况", "一.（二）依申请公开情况", "一.（三）政府信息管理情况", "一.（四）政府信息公开平台建设情况",
             "一.（五）政府信息公开监督保障情况", "五.（一）存在问题", "五.（二）改进情况", "六"],
            unrevised.Select(f => f.Where));
        Assert.All(unrevised, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.Equal("有1段仍是上年报告的文字（以“【待修订】”开头），请按本年度情况改写后删去该标记", unrevised[0].Message);

        report.Overview.Introduction = ["2025年，某局认真贯彻落实《条例》。"];
        Assert.DoesNotContain(ReportValidator.Validate(report, previous), f => f is { Rule: Rules.TextUnrevised, Where: "一" });
    }

    [Fact]
    public void A_new_report_round_trips_through_json_with_blank_cells_as_null()
    {
        var report = NewReport.Create("某市某局", 2025, SampleReports.Valid(2024));
        var json = ReportJson.Serialize(report);
        Assert.Contains("\"naturalPerson\": null", json);
        Assert.Contains("【待修订】", json);
        Assert.Equal(json, ReportJson.Serialize(ReportJson.Deserialize(json)));
    }
}
