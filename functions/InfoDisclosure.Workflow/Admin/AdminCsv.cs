using System.Globalization;
using System.Text;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Workflow.Agencies;

namespace InfoDisclosure.Workflow.Admin;

/// <summary>The overview as CSV for Excel: UTF-8 with a BOM (so Excel reads the Chinese), CRLF, RFC 4180 quoting.</summary>
public static class AdminCsv
{
    public static readonly string[] Header =
        ["单位代码", "单位名称", "类型", "状态", "审核环节", "当前持有人", "发布截止", "剩余天数", "已逾期", "迟发布", "发布地址", "发布时间"];

    public static byte[] Render(Overview overview)
    {
        var csv = new CsvWriter();
        csv.Line(Header);
        foreach (var r in overview.Reports)
        {
            csv.Line(
            [
                r.AgencyId, r.AgencyName, r.Kind == AgencyKinds.Government ? "本级政府" : "部门", r.StageText, r.LevelName ?? "",
                string.Join("；", r.Holder.Select(h => $"{h.Name} <{h.Email}>")), r.Deadline,
                r.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "", r.Overdue ? "是" : "否", r.Late ? "是" : "否",
                r.PublishedUrl ?? "", r.PublishedAt ?? "",
            ]);
        }
        return csv.ToBytes();
    }
}
