using System.Globalization;
using System.Text;
using InfoDisclosure.Workflow.Agencies;

namespace InfoDisclosure.Workflow.Admin;

/// <summary>The overview as CSV for Excel: UTF-8 with a BOM (so Excel reads the Chinese), CRLF, RFC 4180 quoting.</summary>
public static class AdminCsv
{
    public static readonly string[] Header =
        ["单位代码", "单位名称", "类型", "状态", "审核环节", "当前持有人", "发布截止", "剩余天数", "已逾期", "迟发布", "发布地址", "发布时间"];

    public static byte[] Render(Overview overview)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var r in overview.Reports)
        {
            Line(csv,
            [
                r.AgencyId, r.AgencyName, r.Kind == AgencyKinds.Government ? "本级政府" : "部门", r.StageText, r.LevelName ?? "",
                string.Join("；", r.Holder.Select(h => $"{h.Name} <{h.Email}>")), r.Deadline,
                r.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "", r.Overdue ? "是" : "否", r.Late ? "是" : "否",
                r.PublishedUrl ?? "", r.PublishedAt ?? "",
            ]);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void Line(StringBuilder csv, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) csv.Append(',');
            csv.Append(Quote(cells[i]));
        }
        csv.Append("\r\n");
    }

    /// <summary>Quotes every field; a text field that Excel would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe; numbers stay numbers.</summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
