using System.Diagnostics;
using System.Text;
using System.Text.Json;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Cli.Tests;

/// <summary>`check` on the published reports in shared/fixtures, in-process and as the built program.</summary>
public class FixtureCheckTests
{
    private static string Fixture(string name) => TestPaths.Fixture(name);

    private static List<(string Rule, string Severity, string Where)> Findings(JsonElement item) =>
        item.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("rule").GetString()!, f.GetProperty("severity").GetString()!, f.GetProperty("where").GetString()!))
            .ToList();

    private static void AssertFixtureVerdicts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var byFile = doc.RootElement.EnumerateArray().ToDictionary(i => Path.GetFileName(i.GetProperty("file").GetString()!));
        Assert.Equal(5, byFile.Count);

        Assert.Equal(
            [("LABEL.TYPO", "warning", "第37行"), ("T4.TOTAL", "error", "四.行政复议.总计"), ("T4.TOTAL", "error", "四.行政诉讼.复议后起诉.总计")],
            Findings(byFile["2023_hongze_district_gov.txt"]));
        Assert.Equal([("FORMAT.LEGACY", "warning", "全文")], Findings(byFile["2019_shanghai_gov_office_OLD_FORMAT.txt"]));
        Assert.Equal("2019", byFile["2019_shanghai_gov_office_OLD_FORMAT.txt"].GetProperty("format").GetString());
        foreach (var name in new[] { "2022_hongsibu_approval_bureau.txt", "2024_hongze_district_gov.txt", "2024_huaian_city_gov.txt" })
        {
            Assert.DoesNotContain(Findings(byFile[name]), f => f.Severity == "error");
        }
        Assert.Equal(
            [("LABEL.TYPO", "warning", "第36行"), ("TEXT.FIGURE_MISMATCH", "warning", "一.（二）依申请公开情况")],
            Findings(byFile["2024_hongze_district_gov.txt"]));
        Assert.Equal("淮安市人民政府", byFile["2024_huaian_city_gov.txt"].GetProperty("agency").GetString());
        Assert.Equal(2024, byFile["2024_huaian_city_gov.txt"].GetProperty("year").GetInt32());
    }

    [Fact]
    public void The_fixture_folder_has_exactly_the_two_known_errors_and_the_legacy_report()
    {
        var run = CliRun.Of("check", "--json", TestPaths.FixtureReports);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Err);
        AssertFixtureVerdicts(run.Out);
    }

    [Fact]
    public void Human_output_for_the_hongze_2023_report()
    {
        var run = CliRun.Of("check", Fixture("2023_hongze_district_gov.txt"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"""
            {Fixture("2023_hongze_district_gov.txt")}：洪泽区人民政府 2023年度（2021年格式）
              警告 [LABEL.TYPO] 第37行：第三部分（三）不予公开的行名印为“其他法律行政止公开”，模板为“其他法律行政法规禁止公开”。
              错误 [T4.TOTAL] 四.行政复议.总计：行政复议总计为0，但结果维持10＋结果纠正1＋其他结果0＋尚未审结0＝11
              错误 [T4.TOTAL] 四.行政诉讼.复议后起诉.总计：行政诉讼（复议后起诉）总计为0，但结果维持5＋结果纠正0＋其他结果0＋尚未审结0＝5
            共检查1份报告：1份有错误，0份仅有警告，0份通过；错误2条，警告1条。

            """,
            run.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void What_the_import_could_not_read_is_listed_before_the_rule_findings()
    {
        using var folder = new TempFolder();
        var text = TestPaths.ReadFixture("2023_hongze_district_gov.txt")
            .Replace("行政许可\t550\n", "行政许可\t550\t多余\n")
            .Replace("3.危及“三安全一稳定”\t0", "3.危及“三安全一稳定”\tabc");
        var file = folder.Write("hongze.txt", text);

        var run = CliRun.Of("check", "--json", file);

        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var findings = Findings(doc.RootElement[0]);
        Assert.Equal(("IMPORT.UNREADABLE", "error", "第20行"), findings[0]);
        Assert.Contains(("CELL.INVALID", "error", "三.（三）不予公开.3.危及“三安全一稳定”.自然人"), findings);
        Assert.Contains(("T4.TOTAL", "error", "四.行政复议.总计"), findings);
    }

    [Fact]
    public void The_legacy_report_alone_exits_0()
    {
        var run = CliRun.Of("check", Fixture("2019_shanghai_gov_office_OLD_FORMAT.txt"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("警告 [FORMAT.LEGACY] 全文：本报告采用2019年试行格式", run.Out);
    }

    [Fact]
    public void A_report_saved_as_gbk_with_crlf_is_checked_like_the_original()
    {
        using var folder = new TempFolder();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = TestPaths.ReadFixture("2023_hongze_district_gov.txt").ReplaceLineEndings("\r\n");
        var gbk = folder.WriteBytes("洪泽2023.txt", Encoding.GetEncoding("GBK").GetBytes(text));

        var run = CliRun.Of("check", "--json", gbk);

        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(
            [("LABEL.TYPO", "warning", "第37行"), ("T4.TOTAL", "error", "四.行政复议.总计"), ("T4.TOTAL", "error", "四.行政诉讼.复议后起诉.总计")],
            Findings(doc.RootElement[0]));
    }

    [Fact]
    public void Last_years_fixture_as_previous_report_adds_no_finding_to_the_hongze_2024_report()
    {
        var run = CliRun.Of("check", Fixture("2024_hongze_district_gov.txt"), "--previous", Fixture("2023_hongze_district_gov.txt"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("错误0条，警告2条", run.Out);
    }

    [Fact]
    public void Text_converted_to_json_checks_the_same()
    {
        using var folder = new TempFolder();
        var json = Path.Combine(folder.Path, "hongze2023.json");

        var convert = CliRun.Of("convert", Fixture("2023_hongze_district_gov.txt"), "--to", "json", "-o", json);
        Assert.Equal(0, convert.ExitCode);
        Assert.StartsWith("警告 [LABEL.TYPO] 第37行：", Assert.Single(convert.Err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')));

        var fromText = CliRun.Of("check", Fixture("2023_hongze_district_gov.txt"));
        var fromJson = CliRun.Of("check", json);
        Assert.Equal(1, fromJson.ExitCode);
        // The JSON holds the report, not how its text printed the labels: the text's label typo is not in it.
        Assert.Equal(
            fromText.Out.Replace("警告1条", "警告0条").Split('\n')[1..].Where(l => !l.Contains("[LABEL.TYPO]")),
            fromJson.Out.Split('\n')[1..]);
    }

    [Fact]
    public void Convert_to_text_prints_the_report_in_the_fixtures_layout()
    {
        var run = CliRun.Of("convert", Fixture("2024_huaian_city_gov.txt"), "--to", "text");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("行政许可\t447228", run.Out);
        Assert.Contains("行政事业性收费\t96171.6", run.Out);
    }

    [Fact]
    public void Convert_to_html_writes_a_page_with_the_tables()
    {
        using var folder = new TempFolder();
        var html = Path.Combine(folder.Path, "huaian.html");

        var run = CliRun.Of("convert", Fixture("2024_huaian_city_gov.txt"), "--to", "html", "-o", html);

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        var page = File.ReadAllText(html);
        Assert.Contains("<table", page);
        Assert.Contains("淮安市人民政府", page);
        // And the page checks like the text it came from.
        var check = CliRun.Of("check", "--json", html);
        Assert.Equal(0, check.ExitCode);
        using var doc = JsonDocument.Parse(check.Out);
        Assert.Empty(Findings(doc.RootElement[0]));
    }

    [Fact]
    public void Convert_to_docx_writes_a_word_document_with_the_report_in_it()
    {
        using var folder = new TempFolder();
        var docx = Path.Combine(folder.Path, "淮安2024.docx");

        var run = CliRun.Of("convert", Fixture("2024_huaian_city_gov.txt"), "--to", "docx", "-o", docx);

        Assert.Equal((0, "", ""), (run.ExitCode, run.Out, run.Err));
        using var zip = System.IO.Compression.ZipFile.OpenRead(docx);
        using var body = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = body.ReadToEnd();
        Assert.Contains("淮安市人民政府", xml);
        Assert.Contains("447228", xml);
    }

    [Fact]
    public async Task The_built_program_checks_the_fixture_folder_end_to_end()
    {
        var cli = typeof(CommandLine).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { cli, "check", TestPaths.FixtureReports, "--json" }) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal("", await stderr);
        Assert.Equal(1, process.ExitCode);
        AssertFixtureVerdicts(await stdout);
    }
}
