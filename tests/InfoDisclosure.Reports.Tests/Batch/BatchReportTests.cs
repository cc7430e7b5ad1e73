using System.Text;
using InfoDisclosure.Reports.Batch;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Tests.Batch;

public class BatchReportTests
{
    private static Finding Error(string rule) => new(rule, Severity.Error, "四.行政复议.总计", "总计不符");
    private static Finding Warning(string rule) => new(rule, Severity.Warning, "六", "提示");

    private static BatchReport Sample() => BatchReport.Create(
    [
        new BatchEntry("a.txt", "甲局", 2024, [], null, null, null),
        new BatchEntry("b.txt", "乙局", 2024, [Warning(Rules.TextCopied), Warning(Rules.T2InForce)], "b2023.txt", 0.95, null),
        new BatchEntry("b2023.txt", "乙局", 2023, [Error(Rules.T4Total), Error(Rules.T4Total)], null, null, null),
        new BatchEntry("c.txt", "丙局", 2024, [Warning(Rules.TextCopied), Warning(Rules.T2InForce)], "c2023.txt", 0.40, null),
        new BatchEntry("c2023.txt", "丙局", 2023, [Error(Rules.YearCarryover)], null, null, null),
        new BatchEntry("x.txt", null, null, [], null, null, "x.txt：无法识别文件编码"),
    ]);

    [Fact]
    public void Reports_are_sorted_by_risk_and_totalled_across_agencies()
    {
        var batch = Sample();

        Assert.Equal(["x.txt", "b2023.txt", "c2023.txt", "b.txt", "c.txt", "a.txt"], batch.Entries.Select(e => e.File));
        var t = batch.Totals;
        Assert.Equal((5, 3, 1, 2, 2, 3, 4, 2), (t.Reports, t.Agencies, t.Unreadable, t.WithErrors, t.WarningsOnly, t.Errors, t.Warnings, t.Paired));
        Assert.Equal(0.675, t.MeanCopiedShare!.Value, 3);
        Assert.Equal(
            [(Rules.T2InForce, 0, 2, 2), (Rules.T4Total, 2, 0, 1), (Rules.TextCopied, 0, 2, 2), (Rules.YearCarryover, 1, 0, 1)],
            t.ByRule);
    }

    [Fact]
    public void The_page_is_escaped_has_print_styles_and_shows_pairs_and_copied_share()
    {
        var html = BatchReportHtml.Render(BatchReport.Create(
        [
            new BatchEntry("<img src=x onerror=alert(1)>.txt", "<b>乙局</b>", 2024, [Warning(Rules.TextCopied)], "b2023.txt", 0.953, null),
        ]));

        Assert.StartsWith("<!doctype html>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>乙局", html);
        Assert.Contains("&lt;b&gt;乙局&lt;/b&gt;", html);
        Assert.Contains("95.3%", html);
        Assert.Contains("已配对", html);
        Assert.Contains("TEXT.COPIED 警告1", html);
        Assert.Contains("@media print", html);
        Assert.Contains("thead{display:table-header-group}", html);
    }

    [Fact]
    public void Csv_neutralises_formulas_and_has_a_column_per_rule_and_a_totals_row()
    {
        var csv = Encoding.UTF8.GetString(BatchReportCsv.Render(BatchReport.Create(
        [
            new BatchEntry("=HYPERLINK(\"http://x\").txt", "+乙局", 2024, [Warning(Rules.TextCopied)], "@b2023.txt", 0.5, null),
            new BatchEntry("-c.txt", "丙局", 2024, [], null, null, null),
        ])));

        Assert.StartsWith("\uFEFF", csv);
        var lines = csv[1..].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"风险排序\",\"文件\",\"机关\",\"年度\",\"错误\",\"警告\",\"TEXT.COPIED\",\"复制上年文字占比\",\"找到上年报告\",\"上年报告文件\",\"无法读取原因\"", lines[0]);
        Assert.Equal("\"1\",\"'=HYPERLINK(\"\"http://x\"\").txt\",\"'+乙局\",\"2024\",\"0\",\"1\",\"1\",\"50%\",\"是\",\"'@b2023.txt\",\"\"", lines[1]);
        Assert.StartsWith("\"2\",\"'-c.txt\",\"丙局\"", lines[2]);
        Assert.StartsWith("\"合计\",\"2份报告，0个无法读取\",\"2个机关\"", lines[3]);
        Assert.Equal(4, lines.Length);
    }
}
