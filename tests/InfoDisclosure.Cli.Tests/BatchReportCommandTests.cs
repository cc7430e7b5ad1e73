using System.Text;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Tests.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Cli.Tests;

/// <summary>`check --report OUT.html|OUT.csv`: the supervising office's batch report.</summary>
public class BatchReportCommandTests
{
    [Fact]
    public void The_fixture_folder_as_an_html_report_sorted_by_risk_with_totals_and_the_year_pair()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "批量.html");

        var run = CliRun.Of("check", TestPaths.FixtureReports, "--report", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("共检查5份报告", run.Out);
        var html = File.ReadAllText(output);
        Assert.StartsWith("<!doctype html>", html);
        Assert.Contains("共5份报告，5个机关", html);
        Assert.Contains("1份找到同一机关的上年报告", html);
        Assert.Contains("@media print", html);
        // 洪泽 2023 (two errors) comes first; 洪泽 2024 shows its pair.
        var hongze2023 = html.IndexOf("2023_hongze_district_gov.txt</span>", StringComparison.Ordinal);
        var huaian = html.IndexOf("2024_huaian_city_gov.txt</span>", StringComparison.Ordinal);
        Assert.True(hongze2023 > 0 && hongze2023 < huaian);
        Assert.Contains("T4.TOTAL 错误2", html);
    }

    [Fact]
    public void A_csv_report_has_a_row_per_report_and_the_copied_share_of_a_copied_report()
    {
        using var folder = new TempFolder();
        var lastYear = ReportImporter.ImportText(TestPaths.ReadFixture("2024_huaian_city_gov.txt")).Report;
        folder.Write("2024.txt", TestPaths.ReadFixture("2024_huaian_city_gov.txt"));
        var copied = CopiedText.NextYear(lastYear);
        copied.AgencyName = "=淮安市人民政府";
        folder.WriteReport("2025.json", copied);
        lastYear.AgencyName = "=淮安市人民政府";
        folder.WriteReport("2024.json", lastYear);
        File.Delete(Path.Combine(folder.Path, "2024.txt"));
        var output = Path.Combine(folder.Path, "out", "batch.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        var run = CliRun.Of("check", folder.Path, "--report", output);

        Assert.Equal(1, run.ExitCode);
        var lines = Encoding.UTF8.GetString(File.ReadAllBytes(output)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("\"TEXT.COPIED\"", lines[0]);
        // The copied report ranks first (its tables are 2024's: two YEAR.CARRYOVER errors); its agency cannot run as a formula.
        Assert.Contains("2025.json\",\"'=淮安市人民政府\",\"2025\",\"2\"", lines[1]);
        Assert.Matches("\"(9\\d(\\.\\d)?|100)%\",\"是\"", lines[1]);
        Assert.StartsWith("\"合计\",\"2份报告", lines[3]);
    }

    [Theory]
    [InlineData("out.pdf")]
    [InlineData("out")]
    public void A_report_file_that_is_neither_html_nor_csv_gives_exit_code_2_before_checking(string name)
    {
        var run = CliRun.Of("check", TestPaths.FixtureReports, "--report", name);
        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.Contains("--report", run.Err);
    }

    [Fact]
    public void A_report_that_cannot_be_written_gives_exit_code_2()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of("check", TestPaths.Fixture("2024_huaian_city_gov.txt"), "--report", Path.Combine(folder.Path, "no", "such", "dir", "x.html"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("无法写入", run.Err);
    }
}
