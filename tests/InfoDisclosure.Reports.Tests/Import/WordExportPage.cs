using System.Text.RegularExpressions;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// A portal page as a Word export pasted into a TRS editor leaves it: MsoNormal paragraphs with unquoted attributes,
/// figures in &lt;span lang=EN-US&gt;, empty &lt;o:p&gt; at the end of each paragraph, &amp;nbsp; padding and a GB2312
/// meta charset. Applied to a page of <see cref="HtmlPortalPage"/> (which already has the site chrome, rowspans and,
/// on request, the layout table).
/// </summary>
public static partial class WordExportPage
{
    public static string From(string portalPage)
    {
        var html = portalPage.Replace("charset=utf-8", "charset=gb2312", StringComparison.Ordinal);
        html = html.Replace("<p style=\"text-indent:2em\">", "<p class=MsoNormal style='text-indent:2em;mso-char-indent-count:2.0'>", StringComparison.Ordinal);
        html = html.Replace("<p align=\"center\">", "<p class=MsoNormal align=center style='text-align:center'>", StringComparison.Ordinal);
        html = html.Replace("<td", "<td width=72 valign=top style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'", StringComparison.Ordinal);
        html = Figures().Replace(html, ">&nbsp;<span lang=EN-US style='font-family:\"Times New Roman\"'>$1</span><");
        return html.Replace("</p>", "<o:p></o:p></p>", StringComparison.Ordinal);
    }

    /// <summary>An element's text that is a figure alone: Word marks numbers as English.</summary>
    [GeneratedRegex(@">([0-9０-９][0-9０-９,，.]*)<")]
    private static partial Regex Figures();
}
