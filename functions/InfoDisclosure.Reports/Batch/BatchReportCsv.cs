using System.Globalization;
using System.Text;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Batch;

/// <summary>
/// The batch report as CSV for Excel: UTF-8 with a BOM (so Excel reads the Chinese), CRLF, every field quoted, one row
/// per report in risk order, a column per rule found, and a last row of totals. A text field that Excel would run as
/// a formula (starting with = + - @, tab or CR) gets a leading apostrophe: file names and agency names come from the
/// reports, i.e. from whoever wrote them.
/// </summary>
public static class BatchReportCsv
{
    public static byte[] Render(BatchReport report)
    {
        var rules = report.Totals.ByRule.Select(r => r.Rule).ToList();
        var csv = new CsvWriter();
        csv.Line(["风险排序", "文件", "机关", "年度", "错误", "警告", .. rules, "复制上年文字占比", "找到上年报告", "上年报告文件", "无法读取原因"]);
        var rank = 0;
        foreach (var e in report.Entries)
        {
            var byRule = e.ByRule.ToDictionary(r => r.Rule, r => r.Errors + r.Warnings);
            csv.Line(
            [
                (++rank).ToString(CultureInfo.InvariantCulture), e.File, e.Agency ?? "", e.Year?.ToString(CultureInfo.InvariantCulture) ?? "",
                Number(e.Errors), Number(e.Warnings), .. rules.Select(r => Number(byRule.GetValueOrDefault(r))),
                e.CopiedShare is { } s ? CopiedTextRule.Percent(s) : "", e.PairedWith is null ? "否" : "是", e.PairedWith ?? "", e.Error ?? "",
            ]);
        }
        var t = report.Totals;
        csv.Line(
        [
            "合计", $"{t.Reports}份报告，{t.Unreadable}个无法读取", $"{t.Agencies}个机关", "", Number(t.Errors), Number(t.Warnings),
            .. t.ByRule.Select(r => Number(r.Errors + r.Warnings)),
            t.MeanCopiedShare is { } m ? CopiedTextRule.Percent(m) : "", $"{t.Paired}份", "", "",
        ]);
        return csv.ToBytes();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
