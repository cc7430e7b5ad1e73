using System.Text;
using FsCheck.Xunit;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Tests.Generators;
using InfoDisclosure.Reports.Tests.Rendering;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// The fast page reader (<see cref="HtmlPageParser"/>) against AngleSharp. Wherever the fast reader accepts a page,
/// its tree must be AngleSharp's (elements, namespaces, source lines, classes, spans, text, table model) and the
/// import from it must give the same report and findings; where it declines, the page goes to AngleSharp anyway.
/// Pages: our renderer's, portal-style (site chrome, Word/TRS markup, layout tables) and mutated ones.
/// </summary>
public class HtmlParserDifferentialTests
{
    private static readonly string[] FixtureNames =
    [
        "2022_hongsibu_approval_bureau.txt",
        "2023_hongze_district_gov.txt",
        "2024_hongze_district_gov.txt",
        "2024_huaian_city_gov.txt",
        "2019_shanghai_gov_office_OLD_FORMAT.txt",
    ];

    public static TheoryData<string> Fixtures { get; } = new(FixtureNames);

    private static AnnualReport Fixture(string name) => ReportImporter.ImportText(TestPaths.ReadFixture(name)).Report;

    private static readonly HtmlPortalPage[] PortalStyles =
    [
        new(),
        new() { LabelVariants = true, CaptionParagraphs = true },
        new() { LayoutTable = true, ThousandsSeparators = true },
        new() { FullWidthDigits = true, LayoutTable = true, CaptionParagraphs = true },
    ];

    /// <summary>Every page a report gives: rendered page and fragment, each portal style, and each as a Word export.</summary>
    private static IEnumerable<(string Kind, string Html)> PagesOf(AnnualReport report)
    {
        yield return ("rendered page", HtmlRenderer.RenderPage(report));
        yield return ("rendered fragment", HtmlRenderer.RenderFragment(report));
        for (var i = 0; i < PortalStyles.Length; i++)
        {
            var portal = PortalStyles[i].Write(report);
            yield return ($"portal style {i}", portal);
            yield return ($"word export of portal style {i}", WordExportPage.From(portal));
        }
    }

    /// <summary>Compares both readers on the page; true when the fast reader accepted it.</summary>
    private static bool AssertSameReading(string html, string what)
    {
        var fast = HtmlPageParser.TryParse(html);
        if (fast is null) return false;
        var full = HtmlPage.ParseWithAngleSharp(html);
        var difference = TreeDifference(fast, full);
        Assert.True(difference is null, $"{what}: the trees differ: {difference}\n{html}");

        var fromFast = HtmlImporter.Import(fast);
        var fromFull = HtmlImporter.Import(full);
        Assert.Equal(ReportJson.Serialize(fromFull.Report), ReportJson.Serialize(fromFast.Report));
        Assert.Equal(fromFull.Findings, fromFast.Findings);
        return true;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Pages_of_the_fixtures_read_the_same_by_both_readers(string fixture)
    {
        var accepted = new List<string>();
        foreach (var (kind, html) in PagesOf(Fixture(fixture)))
        {
            if (AssertSameReading(html, $"{fixture}, {kind}")) accepted.Add(kind);
        }
        // Our own pages are what the fast reader is for: if it stopped taking them, this test would compare nothing.
        Assert.Contains("rendered page", accepted);
        Assert.Contains("rendered fragment", accepted);
        Assert.Contains("portal style 0", accepted);
    }

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 25)]
    public void Pages_of_generated_reports_read_the_same_by_both_readers(AnnualReport report, int seed)
    {
        // Our two pages, and one portal style with its Word export (all of them for every report would be slow).
        var pages = PagesOf(report).ToList();
        var portal = 2 + 2 * new Random(seed).Next(PortalStyles.Length);
        foreach (var (kind, html) in pages.Take(2).Concat(pages.Skip(portal).Take(2)))
        {
            var accepted = AssertSameReading(html, kind);
            if (kind.StartsWith("rendered", StringComparison.Ordinal)) Assert.True(accepted, $"the fast reader declined our own {kind}");
        }
    }

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 25)]
    public void Mutated_pages_of_generated_reports_read_the_same_by_both_readers(AnnualReport report, int seed)
    {
        var pages = PagesOf(report).ToList();
        var random = new Random(seed);
        for (var i = 0; i < 6; i++)
        {
            var (kind, html) = pages[random.Next(pages.Count)];
            var mutated = PageMutations.Mutate(html, random, out var how);
            AssertSameReading(mutated, $"{kind}, {how}");
        }
    }

    [Fact]
    public void Mutated_pages_of_the_fixtures_read_the_same_and_the_fast_reader_takes_some_of_them()
    {
        var pages = FixtureNames.SelectMany(f => PagesOf(Fixture(f)))
            .Concat(PagesOf(SampleReports.Huaian2024())).Concat(PagesOf(SampleReports.Shanghai2019())).ToList();
        var accepted = 0;
        const int count = 600;
        for (var seed = 0; seed < count; seed++)
        {
            var random = new Random(seed);
            var (kind, html) = pages[random.Next(pages.Count)];
            var mutated = PageMutations.Mutate(html, random, out var how);
            if (AssertSameReading(mutated, $"seed {seed}: {kind}, {how}")) accepted++;
        }
        // Mutations the fast reader accepts are the ones that test it (a removed paragraph, duplicated rows, text
        // edits); those it declines only show it knows its limits.
        Assert.True(accepted >= count / 4, $"the fast reader took only {accepted} of {count} mutated pages");
    }

    // ───────────── Tree comparison ─────────────

    private static string? TreeDifference(HtmlPage fast, HtmlPage full)
    {
        var fastPaths = new Dictionary<PageElement, string>(ReferenceEqualityComparer.Instance);
        var fullPaths = new Dictionary<PageElement, string>(ReferenceEqualityComparer.Instance);
        var difference = NodeDifference(fast.DocumentElement, full.DocumentElement, "/html", fastPaths, fullPaths);
        if (difference is not null) return difference;
        var fastBody = fast.Body is { } b ? fastPaths[b] : null;
        var fullBody = full.Body is { } c ? fullPaths[c] : null;
        if (fastBody != fullBody) return $"body at {fastBody} instead of {fullBody}";
        foreach (var (element, path) in fullPaths)
        {
            if (!element.IsTable) continue;
            var expected = ModelPaths(element.TableModel, fullPaths);
            var actual = ModelPaths(fastPaths.Single(p => p.Value == path).Key.TableModel, fastPaths);
            if (expected != actual) return $"{path}: table model {actual} instead of {expected}";
        }
        return null;
    }

    private static string ModelPaths(PageTableModel model, Dictionary<PageElement, string> paths)
    {
        var text = new StringBuilder("caption=").Append(model.Caption is { } caption ? paths[caption] : "-");
        foreach (var row in model.Rows)
        {
            text.Append(" | ").Append(paths[row.Row]).Append(':');
            foreach (var cell in row.Cells) text.Append(' ').Append(paths[cell]);
        }
        return text.ToString();
    }

    private static string? NodeDifference(PageElement fast, PageElement full, string path,
        Dictionary<PageElement, string> fastPaths, Dictionary<PageElement, string> fullPaths)
    {
        fastPaths[fast] = path;
        fullPaths[full] = path;
        if ((fast.LocalName, fast.IsHtml, fast.Line, fast.ClassName, fast.RowSpan, fast.ColumnSpan)
            != (full.LocalName, full.IsHtml, full.Line, full.ClassName, full.RowSpan, full.ColumnSpan))
        {
            return $"{path}: <{fast.LocalName}> html={fast.IsHtml} line {fast.Line} class={fast.ClassName} span {fast.RowSpan}x{fast.ColumnSpan}"
                + $" instead of <{full.LocalName}> html={full.IsHtml} line {full.Line} class={full.ClassName} span {full.RowSpan}x{full.ColumnSpan}";
        }
        var fastChildren = Compared(fast);
        var fullChildren = Compared(full);
        if (fastChildren.Count != fullChildren.Count)
        {
            return $"{path}: {fastChildren.Count} children ({Describe(fast)}) instead of {fullChildren.Count} ({Describe(full)})";
        }
        var elementIndex = 0;
        for (var i = 0; i < fullChildren.Count; i++)
        {
            switch ((fastChildren[i], fullChildren[i]))
            {
                case (PageText a, PageText b) when a.Data == b.Data:
                    break;
                case (PageElement a, PageElement b):
                    if (!ReferenceEquals(a.Parent, fast) || !ReferenceEquals(b.Parent, full)) return $"{path}/{i}: wrong parent";
                    if (NodeDifference(a, b, $"{path}/{b.LocalName}[{elementIndex++}]", fastPaths, fullPaths) is { } d) return d;
                    break;
                default:
                    return $"{path}, child {i}: {Describe(fastChildren[i])} instead of {Describe(fullChildren[i])}";
            }
        }
        return null;
    }

    /// <summary>
    /// The children compared: all but the head's content and the white space between the tags of &lt;html&gt;, which
    /// the fast reader leaves out on purpose (the import reads the body only).
    /// </summary>
    private static List<PageNode> Compared(PageElement element) => element switch
    {
        { IsHtml: true, LocalName: "head" } => [],
        { IsHtml: true, LocalName: "html" } => element.Children.Where(c => c is not PageText t || t.Data.AsSpan().ContainsAnyExcept(" \t\n\f\r")).ToList(),
        _ => element.Children,
    };

    private static string Describe(PageNode node) => node switch
    {
        PageText t => $"text \"{t.Data}\"",
        PageElement e => string.Join(", ", e.Children.Select(c => c is PageElement ce ? $"<{ce.LocalName}>" : "text")),
        _ => "?",
    };
}

/// <summary>Random damage to a page: tags and text deleted, inserted or duplicated, as hand-edited pages have.</summary>
public static class PageMutations
{
    private static readonly string[] Inserts =
    [
        "<p>", "</p>", "<div>", "</div>", "<span>", "</span>", "<b>", "</b>", "<br>", "<br/>", "<td>", "</td>", "<tr>", "</tr>",
        "<th rowspan=\"2\">", "<td colspan=3>", "<table>", "</table>", "<tbody>", "<caption>", "<li>", "<ul>", "<h2>", "</h2>",
        "<o:p></o:p>", "<o:p>", "&nbsp;", "&amp;", "&lt;", "&#20320;", "&#x4e00;", "&nbsp", "&copy", "<!-- 注释 -->", "<!--",
        "<![endif]>", "<font size=3>", "<center>", "<img src=x>", "<hr>", "<svg><text>图</text></svg>", "<pre>", "<form>",
        "<p class=MsoNormal>", "<span lang=EN-US>", "<a href=\"/\">", "</a>", "<meta charset=\"gb2312\">", "<script>x<y</script>",
        "<style>td{}</style>", "<textarea>", "<title>", "<noscript>", "<select>", "<option>", "<p/>", "</br>", "<table><tr><td>",
        "\r\n", "\r", "\t", "一、", "（三）", "3", "\u3000", "<", ">", "\"", "'", "=",
    ];

    public static string Mutate(string html, Random random, out string how)
    {
        var edits = new List<string>();
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++) html = MutateOnce(html, random, edits);
        how = string.Join("; ", edits);
        return html;
    }

    private static readonly string[] TextInserts = ["3", "12,345", "一、", "（三）", "1.", "其他", "\u3000", " ", "&nbsp;", "&amp;", "&#20320;", "**", "\n"];

    private static readonly string[] Elements = ["<span>文字</span>", "<p>一段</p>", "<b>3</b>", "<p></p>", "<br>", "<div><p>（一）说明</p></div>", "<strong>五、</strong>"];

    private static string MutateOnce(string html, Random random, List<string> edits)
    {
        var at = random.Next(html.Length);
        switch (random.Next(10))
        {
            // Edits that keep the page well-formed, which the fast reader should take.
            case 0 or 1:
            {
                var (start, length) = ElementAround(html, at);
                edits.Add($"deleted element {Head(html, start)} at {start}");
                return html.Remove(start, length);
            }
            case 2:
            {
                var (start, length) = ElementAround(html, at);
                edits.Add($"duplicated element {Head(html, start)} at {start}");
                return html.Insert(start, html.Substring(start, length));
            }
            case 3:
            {
                var position = TextPosition(html, at);
                var insert = random.Next(2) == 0 ? TextInserts[random.Next(TextInserts.Length)] : Elements[random.Next(Elements.Length)];
                edits.Add($"inserted {insert} in text at {position}");
                return html.Insert(position, insert);
            }
            case 4:
            {
                var position = TextPosition(html, at);
                var end = html.IndexOf('<', position);
                var length = Math.Min(end < 0 ? html.Length - position : end - position, 1 + random.Next(10));
                edits.Add($"deleted {length} characters of text at {position}");
                return html.Remove(position, length);
            }
            // Damage of any kind.
            case 5:
            {
                var (start, length) = TagAround(html, at);
                edits.Add($"deleted {html.Substring(start, length)} at {start}");
                return html.Remove(start, length);
            }
            case 6:
            {
                var (start, length) = TagAround(html, at);
                edits.Add($"duplicated {html.Substring(start, length)} at {start}");
                return html.Insert(start, html.Substring(start, length));
            }
            case 7:
            {
                var insert = Inserts[random.Next(Inserts.Length)];
                // Mostly before a tag, where an editor puts things; sometimes anywhere.
                var position = random.Next(4) == 0 ? at : html.IndexOf('<', at) is var lt and >= 0 ? lt : html.Length;
                edits.Add($"inserted {insert} at {position}");
                return html.Insert(position, insert);
            }
            case 8:
            {
                var length = Math.Min(html.Length - at, 1 + random.Next(40));
                edits.Add($"deleted {length} characters at {at}");
                return html.Remove(at, length);
            }
            default:
            {
                var (start, length) = TagAround(html, at);
                var tag = html.Substring(start, length);
                var swapped = tag.StartsWith("</", StringComparison.Ordinal) ? "<" + tag[2..] : tag.Length > 1 ? "</" + tag[1..] : tag;
                edits.Add($"replaced {tag} by {swapped} at {start}");
                return html.Remove(start, length).Insert(start, swapped);
            }
        }
    }

    private static readonly string[] ElementNames = ["p", "span", "b", "strong", "td", "th", "tr", "div", "li", "h2", "h3", "caption", "table"];

    /// <summary>The first element with one of <see cref="ElementNames"/> starting at or after the position, start tag to its end tag.</summary>
    private static (int Start, int Length) ElementAround(string html, int at)
    {
        for (var start = html.IndexOf('<', at); start >= 0; start = html.IndexOf('<', start + 1))
        {
            var name = ElementNames.FirstOrDefault(n => string.CompareOrdinal(html, start + 1, n, 0, n.Length) == 0
                && start + 1 + n.Length < html.Length && html[start + 1 + n.Length] is '>' or ' ' or '\n');
            if (name is null) continue;
            var depth = 0;
            for (var i = start; i >= 0 && i < html.Length; i = html.IndexOf('<', i + 1))
            {
                if (string.CompareOrdinal(html, i + 1, name, 0, name.Length) == 0 && html[i + 1 + name.Length] is '>' or ' ' or '\n') depth++;
                else if (string.CompareOrdinal(html, i + 2, name, 0, name.Length) == 0 && html[i + 1] == '/' && html[i + 2 + name.Length] == '>')
                {
                    if (--depth == 0) return (start, i + 3 + name.Length - start);
                }
            }
            break;
        }
        return (at, 0);
    }

    /// <summary>A position just after a tag (in the text that follows it).</summary>
    private static int TextPosition(string html, int at)
    {
        var gt = html.IndexOf('>', at);
        return gt < 0 ? html.Length : gt + 1;
    }

    private static string Head(string html, int start) => html.Substring(start, Math.Min(20, html.Length - start)).ReplaceLineEndings(" ");

    /// <summary>The tag at or after the position (or one character when there is none).</summary>
    private static (int Start, int Length) TagAround(string html, int at)
    {
        var start = html.IndexOf('<', at);
        if (start < 0) start = html.LastIndexOf('<', at);
        if (start < 0) return (at, Math.Min(1, html.Length - at));
        var end = html.IndexOf('>', start);
        return end < 0 ? (start, html.Length - start) : (start, end - start + 1);
    }
}
