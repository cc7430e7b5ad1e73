using System.Text;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Rendering;

/// <summary>
/// The report as plain text in the layout of published reports copied from a portal page (what
/// <see cref="TextImporter"/> reads back): title block, opening, six numbered sections, one paragraph per line,
/// tables one row per line with tab-separated cells in template order and a spanning label on its first row only.
/// </summary>
public static class TextRenderer
{
    private const string Tab = "\t";

    public static string Render(AnnualReport report)
    {
        var w = new StringBuilder();
        w.Append(report.AgencyName).Append('\n');
        w.Append(report.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("年政府信息公开工作年度报告\n");
        if (report.PublicationDate is { } date) w.Append("发布日期：").Append(date).Append('\n');
        w.Append('\n');

        Lines(w, OpeningParagraphs(report.Opening));

        var overview = report.Overview;
        w.Append("一、").Append(overview.Heading).Append('\n');
        Lines(w, overview.Introduction);
        var number = 1;
        foreach (var part in overview.Parts) Part(w, number++, part);

        if (report.ProactiveDisclosure is { } proactive)
        {
            w.Append("二、主动公开政府信息情况\n");
            ProactiveTables(w, proactive);
        }
        else if (report.LegacyProactiveTables is { } legacy)
        {
            w.Append("二、主动公开政府信息情况\n");
            foreach (var table in legacy) LegacyTable(w, table);
        }

        if (report.Applications is { } applications)
        {
            w.Append("三、收到和处理政府信息公开申请情况\n");
            ApplicationTable(w, applications);
        }

        if (report.ReviewAndLitigation is { } review)
        {
            w.Append("四、政府信息公开行政复议、行政诉讼情况\n");
            ReviewTable(w, review);
        }

        Problems(w, report.ProblemsAndImprovements);
        OtherMatters(w, report.OtherMatters);
        return w.ToString();
    }

    private static void Lines(StringBuilder w, IEnumerable<string> paragraphs)
    {
        foreach (var p in paragraphs.Select(OneLine).Where(p => p.Length > 0)) w.Append(p).Append('\n');
    }

    /// <summary>A paragraph is one line: line breaks and tabs inside it would change the layout.</summary>
    private static string OneLine(string text) =>
        text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ').Trim();

    /// <summary>
    /// The opening as written; contact details the text does not state (entered as fields only) follow in a
    /// sentence of their own, so that no detail of the report is lost in print.
    /// </summary>
    private static IEnumerable<string> OpeningParagraphs(Opening opening)
    {
        var paragraphs = opening.Paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        var stated = TextFacts.ExtractContact(paragraphs);
        var c = opening.Contact;
        var missing = new List<string>();
        if (c.Address is { } address && stated.Address != address) missing.Add("地址：" + address);
        if (c.Postcode is { } postcode && stated.Postcode != postcode) missing.Add("邮编：" + postcode);
        if (c.Phone is { } phone && stated.Phone != phone) missing.Add("电话：" + phone);
        if (c.Fax is { } fax && stated.Fax != fax) missing.Add("传真：" + fax);
        if (c.Email is { } email && stated.Email != email) missing.Add("电子邮箱：" + email);
        if (c.PortalUrl is { } url && stated.PortalUrl != url) missing.Add("网址：" + url);
        if (missing.Count > 0) paragraphs.Add($"联系方式（{string.Join("，", missing)}）。");
        return paragraphs;
    }

    /// <summary>
    /// "（一）标题。第一段" when the title runs into the text, "（一）标题" on its own line otherwise; a part with
    /// neither title nor text is not printed.
    /// </summary>
    private static void Part(StringBuilder w, int number, NarrativePart part)
    {
        var paragraphs = part.Paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)).Select(OneLine).ToList();
        var title = OneLine(part.Title);
        if (title.Length == 0 && paragraphs.Count == 0) return;
        w.Append('（').Append(LabelMatching.ChineseNumeral(number)).Append('）').Append(title);
        if (paragraphs.Count > 0 && !part.TitleOnOwnLine)
        {
            w.Append('。').Append(paragraphs[0]);
            paragraphs.RemoveAt(0);
        }
        w.Append('\n');
        Lines(w, paragraphs);
    }

    private static string Row(params IEnumerable<object> cells) => string.Join(Tab, cells.Select(CellText)) + "\n";

    private static string CellText(object cell) => cell switch
    {
        Cell c => OneLine(c.ToString()),
        _ => OneLine(cell.ToString() ?? ""),
    };

    private static void ProactiveTables(StringBuilder w, ProactiveDisclosure p)
    {
        w.Append("第二十条第（一）项\n");
        w.Append(Row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"));
        w.Append(Row("规章", p.Rules.Issued, p.Rules.Repealed, p.Rules.InForce));
        w.Append(Row("行政规范性文件", p.NormativeDocuments.Issued, p.NormativeDocuments.Repealed, p.NormativeDocuments.InForce));
        w.Append("第二十条第（五）项\n");
        w.Append(Row("信息内容", "本年处理决定数量"));
        w.Append(Row("行政许可", p.AdministrativeLicensing));
        w.Append("第二十条第（六）项\n");
        w.Append(Row("信息内容", "本年处理决定数量"));
        w.Append(Row("行政处罚", p.AdministrativePunishment));
        w.Append(Row("行政强制", p.AdministrativeCoercion));
        w.Append("第二十条第（八）项\n");
        w.Append(Row("信息内容", "本年收费金额（单位：万元）"));
        w.Append(Row("行政事业性收费", p.AdministrativeFees));
    }

    private static void LegacyTable(StringBuilder w, SimpleTable table)
    {
        w.Append(OneLine(table.Caption)).Append('\n');
        if (table.Header.Count > 0) w.Append(Row(table.Header));
        foreach (var row in table.Rows) w.Append(Row(row.Cells.Cast<object>().Prepend(row.Label)));
    }

    /// <summary>
    /// Three label columns then the seven figures: "一、…" spans the label columns, "三、本年度办理结果" is printed on
    /// the （一） row, a group's label on its first item only.
    /// </summary>
    private static void ApplicationTable(StringBuilder w, ApplicationTable table)
    {
        w.Append("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n");
        w.Append("\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n");
        w.Append("\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n");
        string? lastGroup = null;
        foreach (var (row, counts) in ApplicationRows.Present(table))
        {
            string[] labels;
            if (row.Group is { } group)
            {
                labels = ["", group == lastGroup ? "" : group, row.Label];
                lastGroup = group;
            }
            else if (row == ApplicationRows.NewApplications || row == ApplicationRows.CarriedOver || row == ApplicationRows.CarriedForward)
            {
                labels = [row.Label, "", ""];
            }
            else
            {
                labels = [row == ApplicationRows.Disclosed ? "三、本年度办理结果" : "", row.Label, ""];
            }
            w.Append(Row(labels.Cast<object>().Concat(ApplicantCounts.Columns.Select(c => (object)counts[c]))));
        }
    }

    private static void ReviewTable(StringBuilder w, ReviewAndLitigation review)
    {
        w.Append("行政复议\t\t\t\t\t行政诉讼\n");
        w.Append("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n");
        w.Append("\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n");
        OutcomeGroup[] groups = [review.AdministrativeReconsideration, review.LitigationWithoutReconsideration, review.LitigationAfterReconsideration];
        w.Append(Row(groups.SelectMany(g => new object[] { g.Upheld, g.Corrected, g.OtherResult, g.Pending, g.Total })));
    }

    /// <summary>Titled parts （一）（二）, or, when neither is titled, the paragraphs one after another.</summary>
    private static void Problems(StringBuilder w, ProblemsAndImprovements section)
    {
        w.Append("五、").Append(section.Heading).Append('\n');
        Lines(w, section.Introduction);
        if (string.IsNullOrWhiteSpace(section.Problems.Title) && string.IsNullOrWhiteSpace(section.Improvements.Title))
        {
            Lines(w, section.Problems.Paragraphs);
            Lines(w, section.Improvements.Paragraphs);
            return;
        }
        Part(w, 1, section.Problems);
        Part(w, 2, section.Improvements);
    }

    /// <summary>Section 六; a 信息处理费 known only as a figure is stated in a sentence, so that the print carries it.</summary>
    private static void OtherMatters(StringBuilder w, OtherMatters section)
    {
        w.Append("六、").Append(section.Heading).Append('\n');
        var introduction = section.Introduction.ToList();
        var stated = TextFacts.ExtractProcessingFee(introduction.Concat(section.Parts.SelectMany(p => p.Paragraphs.Prepend(p.Title))));
        if (section.ProcessingFeeYuan is { } fee && stated != fee) introduction.Add($"本年度收取信息处理费{Cell.Format(fee)}元。");
        Lines(w, introduction);
        var number = 1;
        foreach (var part in section.Parts) Part(w, number++, part);
    }
}
