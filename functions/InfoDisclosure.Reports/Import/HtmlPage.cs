using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// A parsed page reduced to what the import reads: elements (name, class, source line, table model) and text.
/// A plainly well-formed page is read by <see cref="HtmlPageParser"/>; anything else by AngleSharp, whose tree is then
/// copied, so both give the tree the HTML parsing rules give.
/// </summary>
internal sealed class HtmlPage(PageElement documentElement, PageElement? body)
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    public PageElement DocumentElement { get; } = documentElement;

    public PageElement? Body { get; } = body;

    public static HtmlPage Parse(string html) => HtmlPageParser.TryParse(html) ?? ParseWithAngleSharp(html);

    /// <summary>The page as AngleSharp reads it, whatever the fast reader would say.</summary>
    public static HtmlPage ParseWithAngleSharp(string html) => FromAngleSharp(Parser.ParseDocument(html));

    public static HtmlPage FromAngleSharp(IHtmlDocument document)
    {
        var root = document.DocumentElement;
        var copy = new AngleSharpCopy();
        var html = copy.Element(root, null);
        return new HtmlPage(html, document.Body is { } body ? copy.Copied[body] : null);
    }

    /// <summary>A table of an AngleSharp document on its own (its rows and cells as AngleSharp's table model gives them).</summary>
    public static PageElement FromAngleSharp(IHtmlTableElement table) => new AngleSharpCopy().Element(table, null);

    /// <summary>The first element in document order that matches, or null.</summary>
    public PageElement? Find(Func<PageElement, bool> match) => DocumentElement.FindDescendantOrSelf(match);

    private sealed class AngleSharpCopy
    {
        public Dictionary<IElement, PageElement> Copied { get; } = new(ReferenceEqualityComparer.Instance);

        public PageElement Element(IElement source, PageElement? parent)
        {
            var element = new PageElement(source.LocalName, source.NamespaceUri == NamespaceNames.HtmlUri, HtmlText.LineOf(source))
            {
                Parent = parent,
                ClassName = source.GetAttribute("class"),
            };
            Copied[source] = element;
            if (source is IHtmlTableCellElement cell)
            {
                element.RowSpan = cell.RowSpan;
                element.ColumnSpan = cell.ColumnSpan;
            }
            foreach (var child in source.ChildNodes)
            {
                switch (child)
                {
                    case IElement e: element.Children.Add(Element(e, element)); break;
                    // Text on both sides of a comment (which is left out) is one text, as the fast reader has it.
                    case IText text when element.Children is [.., PageText before]:
                        element.Children[^1] = new PageText(before.Data + text.Data) { Parent = element };
                        break;
                    case IText text: element.Children.Add(new PageText(text.Data) { Parent = element }); break;
                }
            }
            if (source is IHtmlTableElement table)
            {
                // AngleSharp's own table model, so that a page it parsed is read exactly as before.
                element.TableModel = new PageTableModel(
                    table.Caption is { } caption ? Copied[caption] : null,
                    table.Rows.Select(r => new PageTableRow(Copied[r], r.Cells.Select(c => Copied[c]).ToList())).ToList());
            }
            return element;
        }
    }
}

internal abstract class PageNode
{
    public PageElement? Parent { get; init; }
}

internal sealed class PageText(string data) : PageNode
{
    public string Data { get; } = data;
}

/// <summary>A table's caption and rows, each row with its cells, in the order of the HTML table model.</summary>
internal sealed record PageTableModel(PageElement? Caption, IReadOnlyList<PageTableRow> Rows);

internal sealed record PageTableRow(PageElement Row, IReadOnlyList<PageElement> Cells);

internal sealed class PageElement(string localName, bool isHtml, int line) : PageNode
{
    private PageTableModel? _tableModel;

    public string LocalName { get; } = localName;

    /// <summary>In the HTML namespace (not inside &lt;svg&gt; or &lt;math&gt;).</summary>
    public bool IsHtml { get; } = isHtml;

    /// <summary>The line of the start tag in the source (1-based); 0 for an element the parser implied.</summary>
    public int Line { get; } = line;

    public List<PageNode> Children { get; } = [];

    public string? ClassName { get; init; }

    public int RowSpan { get; set; } = 1;

    public int ColumnSpan { get; set; } = 1;

    public bool IsTable => IsHtml && LocalName == "table";

    /// <summary>For a table: its caption and rows (thead rows, then tbody rows and rows of its own, then tfoot rows).</summary>
    public PageTableModel TableModel
    {
        get => _tableModel ??= BuildTableModel();
        set => _tableModel = value;
    }

    public string TextContent
    {
        get
        {
            if (Children is [PageText only]) return only.Data;
            var text = new StringBuilder();
            AppendText(text);
            return text.ToString();
        }
    }

    private void AppendText(StringBuilder text)
    {
        foreach (var child in Children)
        {
            if (child is PageText t) text.Append(t.Data);
            else ((PageElement)child).AppendText(text);
        }
    }

    public bool HasClass(string name)
    {
        if (ClassName is not { } value) return false;
        foreach (var token in value.Split(HtmlWhitespace, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == name) return true;
        }
        return false;
    }

    private static readonly char[] HtmlWhitespace = [' ', '\t', '\n', '\f', '\r'];

    /// <summary>This element or its nearest ancestor with one of the names.</summary>
    public PageElement? Closest(params string[] names)
    {
        for (var e = this; e is not null; e = e.Parent)
        {
            if (Array.IndexOf(names, e.LocalName) >= 0) return e;
        }
        return null;
    }

    public PageElement? FindDescendantOrSelf(Func<PageElement, bool> match)
    {
        if (match(this)) return this;
        foreach (var child in Children)
        {
            if (child is PageElement e && e.FindDescendantOrSelf(match) is { } found) return found;
        }
        return null;
    }

    public bool HasDescendant(Func<PageElement, bool> match)
    {
        foreach (var child in Children)
        {
            if (child is PageElement e && (match(e) || e.HasDescendant(match))) return true;
        }
        return false;
    }

    private bool Is(string name) => IsHtml && LocalName == name;

    private PageTableModel BuildTableModel()
    {
        var rows = new List<PageTableRow>();
        void AddRowsOf(PageElement section)
        {
            foreach (var child in section.Children)
            {
                if (child is PageElement row && row.Is("tr")) rows.Add(RowOf(row));
            }
        }
        foreach (var child in Children)
        {
            if (child is PageElement head && head.Is("thead")) AddRowsOf(head);
        }
        foreach (var child in Children)
        {
            if (child is not PageElement e) continue;
            if (e.Is("tbody")) AddRowsOf(e);
            else if (e.Is("tr")) rows.Add(RowOf(e));
        }
        foreach (var child in Children)
        {
            if (child is PageElement foot && foot.Is("tfoot")) AddRowsOf(foot);
        }
        var caption = Children.OfType<PageElement>().FirstOrDefault(c => c.Is("caption"));
        return new PageTableModel(caption, rows);
    }

    private static PageTableRow RowOf(PageElement row) =>
        new(row, row.Children.OfType<PageElement>().Where(c => c.Is("td") || c.Is("th")).ToList());
}
