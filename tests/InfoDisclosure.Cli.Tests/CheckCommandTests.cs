using System.Text;
using System.Text.Json;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Tests.Validation;

namespace InfoDisclosure.Cli.Tests;

public class CheckCommandTests
{
    private static AnnualReport WithReconsiderationTotalZero()
    {
        var report = SampleReports.Valid();
        report.Overview.DisclosureOnRequest.Paragraphs = ["依申请公开工作规范有序。"];
        report.ReviewAndLitigation!.AdministrativeReconsideration.Total = Cell.Of(0);
        return report;
    }

    [Fact]
    public void A_consistent_report_passes_with_exit_code_0()
    {
        using var folder = new TempFolder();
        var file = folder.WriteReport("ok.json", SampleReports.Valid());

        var run = CliRun.Of("check", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            $"{file}：某市某局 2024年度（2021年格式）\n  通过，未发现问题\n共检查1份报告：0份有错误，0份仅有警告，1份通过；错误0条，警告0条。\n",
            run.Out.ReplaceLineEndings("\n"));
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void An_error_is_printed_in_chinese_with_rule_and_place_and_gives_exit_code_1()
    {
        using var folder = new TempFolder();
        var file = folder.WriteReport("bad.json", WithReconsiderationTotalZero());

        var run = CliRun.Of("check", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  错误 [T4.TOTAL] 四.行政复议.总计：行政复议总计为0，但结果维持10＋结果纠正1＋其他结果0＋尚未审结0＝11\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Contains("共检查1份报告：1份有错误，0份仅有警告，0份通过；错误1条，警告0条。", run.Out);
    }

    [Fact]
    public void Warnings_alone_keep_exit_code_0()
    {
        using var folder = new TempFolder();
        var report = SampleReports.Valid();
        report.OtherMatters = new OtherMatters();
        var file = folder.WriteReport("warn.json", report);

        var run = CliRun.Of("check", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  警告 [SECTION.MISSING] 六：", run.Out);
        Assert.Contains("0份有错误，1份仅有警告", run.Out);
    }

    [Fact]
    public void Json_output_is_an_array_with_camel_case_names_and_unescaped_chinese()
    {
        using var folder = new TempFolder();
        var bad = folder.WriteReport("b.json", WithReconsiderationTotalZero());
        var ok = folder.WriteReport("a.json", SampleReports.Valid());

        var run = CliRun.Of("check", "--json", folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"message\": \"行政复议总计为0", run.Out);
        using var doc = JsonDocument.Parse(run.Out);
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal([ok, bad], items.Select(i => i.GetProperty("file").GetString()!));
        Assert.Equal("2021", items[0].GetProperty("format").GetString());
        Assert.Equal("某市某局", items[0].GetProperty("agency").GetString());
        Assert.Equal(2024, items[0].GetProperty("year").GetInt32());
        Assert.Empty(items[0].GetProperty("findings").EnumerateArray());
        var finding = Assert.Single(items[1].GetProperty("findings").EnumerateArray());
        Assert.Equal(
            ["T4.TOTAL", "error", "四.行政复议.总计"],
            [finding.GetProperty("rule").GetString()!, finding.GetProperty("severity").GetString()!, finding.GetProperty("where").GetString()!]);
    }

    [Fact]
    public void Folders_are_searched_recursively_for_report_files_only_and_printed_in_path_order()
    {
        using var folder = new TempFolder();
        var c = folder.WriteReport("z/c.json", SampleReports.Valid());
        var a = folder.WriteReport("a.json", SampleReports.Valid());
        var b = folder.WriteReport("m/n/b.JSON", SampleReports.Valid());
        folder.Write("notes.md", "不是报告");
        folder.WriteBytes("scan.png", [0x89, 0x50, 0x4E, 0x47, 0x00]);

        var run = CliRun.Of("check", folder.Path, a);

        Assert.Equal(0, run.ExitCode);
        var headers = run.Out.ReplaceLineEndings("\n").Split('\n').Where(l => l.Contains("：某市某局")).Select(l => l[..l.IndexOf('：')]);
        Assert.Equal([a, b, c], headers);
        Assert.Contains("共检查3份报告", run.Out);
    }

    [Fact]
    public void A_missing_path_gives_exit_code_2_after_checking_the_others()
    {
        using var folder = new TempFolder();
        var bad = folder.WriteReport("bad.json", WithReconsiderationTotalZero());
        var missing = Path.Combine(folder.Path, "nope.txt");

        var run = CliRun.Of("check", missing, bad);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"无法读取 {missing}：文件或文件夹不存在", run.Err);
        Assert.Contains("[T4.TOTAL]", run.Out);
        Assert.Contains("1个输入无法读取", run.Out);
    }

    [Fact]
    public void Json_that_does_not_parse_gives_exit_code_2_naming_the_file_and_field()
    {
        using var folder = new TempFolder();
        var broken = folder.Write("broken.json", "{\"agencyName\": \"某局\", \"year\": \"二〇二四\"}");
        var nullSection = folder.Write("null.json", "{\"agencyName\": \"某局\", \"year\": 2024, \"overview\": null}");

        var run = CliRun.Of("check", "--json", broken, nullSection);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{broken}：JSON 无法解析（位置 $.year）", run.Err);
        Assert.Contains($"{nullSection}：JSON 无法解析（位置 $.overview）", run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.All(doc.RootElement.EnumerateArray(), i => Assert.Contains("JSON 无法解析", i.GetProperty("error").GetString()));
    }

    [Fact]
    public void A_binary_or_undecodable_file_gives_exit_code_2()
    {
        using var folder = new TempFolder();
        var binary = folder.WriteBytes("scan.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0x80]);

        var run = CliRun.Of("check", binary);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"无法读取 {binary}：", run.Err);
    }

    [Fact]
    public void A_json_report_saved_as_gbk_or_with_a_byte_order_mark_is_read()
    {
        using var folder = new TempFolder();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var json = ReportJson.Serialize(SampleReports.Valid());
        var gbk = folder.WriteBytes("gbk.json", Encoding.GetEncoding("GBK").GetBytes(json));
        var bom = folder.WriteBytes("bom.json", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(json)]);
        var utf16 = folder.WriteBytes("utf16.json", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(json)]);

        var run = CliRun.Of("check", gbk, bom, utf16);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.Out.Split("：某市某局 2024年度").Length - 1);
    }

    [Fact]
    public void Previous_years_report_is_used_for_the_carry_over()
    {
        using var folder = new TempFolder();
        var report = SampleReports.Valid();
        var previous = SampleReports.PreviousOf(report);
        previous.Applications!.CarriedForwardToNextYear.NaturalPerson = Cell.Of(9);
        var file = folder.WriteReport("2024.json", report);
        var previousFile = folder.WriteReport("prev/2023.json", previous);

        var run = CliRun.Of("check", file, "--previous", previousFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("错误 [YEAR.CARRYOVER] 三.二、上年结转政府信息公开申请数量.自然人：二、上年结转（自然人）为2，但2023年度报告“四、结转下年度继续办理”为9", run.Out);
    }

    [Fact]
    public void An_unreadable_previous_report_gives_exit_code_2()
    {
        using var folder = new TempFolder();
        var file = folder.WriteReport("2024.json", SampleReports.Valid());

        var run = CliRun.Of("check", file, "--previous", Path.Combine(folder.Path, "none.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("上年报告文件不存在", run.Err);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "--jsn", "x")]
    [InlineData("check", "x", "--previous")]
    [InlineData("frobnicate")]
    public void A_wrong_command_line_gives_exit_code_2_and_says_why(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual("", run.Err);
    }

    [Fact]
    public void Help_is_printed_in_chinese_and_english()
    {
        var run = CliRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("infodisclosure check PATH...", run.Out);
        Assert.Contains("退出码 (exit codes)", run.Out);
    }
}
