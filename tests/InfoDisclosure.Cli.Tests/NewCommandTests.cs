using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Tests.Validation;

namespace InfoDisclosure.Cli.Tests;

public class NewCommandTests
{
    [Fact]
    public void New_prints_a_blank_2021_report_as_json()
    {
        var run = CliRun.Of("new", "--agency", "某县教育局", "--year", "2025");

        Assert.Equal(0, run.ExitCode);
        var report = ReportJson.Deserialize(run.Out);
        Assert.Equal(("某县教育局", 2025, "2021"), (report.AgencyName, report.Year, report.FormatVersion));
        Assert.True(report.Applications!.NewApplications.Total.IsBlank);
        Assert.True(report.ReviewAndLitigation!.AdministrativeReconsideration.Total.IsBlank);
        Assert.Contains("\"agencyName\": \"某县教育局\"", run.Out);
    }

    [Fact]
    public void New_with_last_years_report_carries_what_the_format_implies()
    {
        using var folder = new TempFolder();
        var previous = folder.WriteReport("2024.json", SampleReports.Valid(2024));
        var output = Path.Combine(folder.Path, "2025.json");

        var run = CliRun.Of("new", "--agency", "某市某局", "--year=2025", "--previous", previous, "-o", output);

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        var report = ReportJson.Deserialize(File.ReadAllText(output));
        Assert.Equal(Cell.Of(3), report.Applications!.CarriedOverFromLastYear.NaturalPerson);
        Assert.Equal(Cell.Of(40), report.ProactiveDisclosure!.NormativeDocuments.InForce);
        Assert.StartsWith(NewReport.UnrevisedMarker, report.Overview.DisclosureOnRequest.Paragraphs[0]);

        // The pre-filled draft then checks: blanks are errors, the copied text is flagged, the carry-over holds.
        var check = CliRun.Of("check", output, "--previous", previous);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("[CELL.BLANK]", check.Out);
        Assert.Contains("警告 [TEXT.UNREVISED] 一.（二）依申请公开情况", check.Out);
        Assert.DoesNotContain("[YEAR.CARRYOVER]", check.Out);
    }

    [Theory]
    [InlineData("new", "--agency", "某局")]
    [InlineData("new", "--agency", "某局", "--year", "二〇二五")]
    [InlineData("new", "--year", "2025")]
    public void New_without_a_valid_agency_and_year_gives_exit_code_2(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("错误：", run.Err);
    }
}
