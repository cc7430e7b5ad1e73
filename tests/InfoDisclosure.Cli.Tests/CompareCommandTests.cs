using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Tests.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Cli.Tests;

public class CompareCommandTests
{
    private static string Fixture(string name) => TestPaths.Fixture(name);

    [Fact]
    public void Hongze_2023_and_2024_side_by_side_with_deltas_paragraphs_and_findings()
    {
        var run = CliRun.Of("compare", Fixture("2023_hongze_district_gov.txt"), Fixture("2024_hongze_district_gov.txt"));

        // 2023 has two T4.TOTAL errors, so as `check` would: exit code 1.
        Assert.Equal((1, ""), (run.ExitCode, run.Err));
        var text = run.Out.ReplaceLineEndings("\n");
        Assert.StartsWith("A：洪泽区人民政府 2023年度\nB：淮安市洪泽区人民政府 2024年度\n", text);
        Assert.Contains("* 二.第二十条第（五）项.行政许可.本年处理决定数量\t550\t9487\t+8937\n", text);
        Assert.Contains("  三.二、上年结转政府信息公开申请数量.自然人\t0\t0\t0\n", text);
        Assert.Contains("- 六 仅A第1段：2023年，区政府严格落实", text);
        Assert.Contains("+ 六 仅B第1段：2024年，区政府严格落实", text);
        Assert.Contains("A的问题：3条\n  警告 [LABEL.TYPO] 第37行：", text);
        Assert.Contains("  错误 [T4.TOTAL] 四.行政复议.总计：", text);
        Assert.Contains("B的问题：2条\n  警告 [LABEL.TYPO] 第36行：", text);
        Assert.Contains("  警告 [TEXT.FIGURE_MISMATCH]", text);
    }

    [Fact]
    public void Two_versions_of_a_sound_report_exit_0_and_html_writes_a_standalone_escaped_page()
    {
        using var folder = new TempFolder();
        var draft = SampleReports.Valid(2024);
        draft.AgencyName = "某市<某局>";
        var a = folder.WriteReport("a.json", draft);
        var final = ReportJson.Clone(draft);
        final.Overview.ProactiveDisclosure.Paragraphs.Add("新增一段：公开<目录>已更新。");
        var b = folder.WriteReport("b.json", final);
        var html = Path.Combine(folder.Path, "对照.html");

        var run = CliRun.Of("compare", a, b, "--html", html);

        Assert.Equal((0, ""), (run.ExitCode, run.Err));
        Assert.Contains("+ 一.（一）主动公开情况 仅B第", run.Out);
        var page = File.ReadAllText(html);
        Assert.StartsWith("<!doctype html>", page);
        Assert.Contains("某市&lt;某局&gt; 2024年度", page);
        Assert.Contains("新增一段：公开&lt;目录&gt;已更新。", page);
        Assert.DoesNotContain("<某局>", page);
        Assert.Contains("<h2>改动的段落", page);
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("compare", "one.txt")]
    [InlineData("compare", "a.txt", "b.txt", "c.txt")]
    [InlineData("compare", "a.txt", "b.txt", "--html")]
    public void A_wrong_command_line_gives_exit_code_2(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual("", run.Err);
    }

    [Fact]
    public void A_missing_report_gives_exit_code_2_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        var html = Path.Combine(folder.Path, "out.html");

        var run = CliRun.Of("compare", Fixture("2023_hongze_district_gov.txt"), Path.Combine(folder.Path, "none.txt"), "--html", html);

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.Contains("none.txt：文件不存在", run.Err);
        Assert.False(File.Exists(html));
    }
}
