using System.Text;

namespace InfoDisclosure.Reports.Import;

/// <summary>A piece of a page in reading order: a line of text, or a data table.</summary>
internal abstract record HtmlBlock(PageElement Element, int SourceLine)
{
    public string Where => $"第{SourceLine}行";

    /// <summary>The block as every format gives it, placed by its source line.</summary>
    public abstract ReportBlock ToReportBlock();
}

/// <summary>A line as a reader sees it: a paragraph, a heading, or a part of either split by &lt;br&gt;.</summary>
internal sealed record HtmlTextBlock(string Text, PageElement Element, int SourceLine) : HtmlBlock(Element, SourceLine)
{
    public override ReportBlock ToReportBlock() => new TextBlock(Text, SourceLine, Where);
}

internal sealed record HtmlTableBlock(HtmlTableGrid Grid, PageElement Element, int SourceLine) : HtmlBlock(Element, SourceLine)
{
    /// <summary>Rows are named by their &lt;tr&gt;'s line; a row only a span reaches, by the table's.</summary>
    public override ReportBlock ToReportBlock() =>
        new TableBlock(Grid, SourceLine, Where, row => Grid.RowSourceLines[row] is > 0 and var line ? $"第{line}行" : Where);
}

/// <summary>
/// Turns a page into lines and tables in reading order. Block elements and &lt;br&gt; end a line; inline markup
/// (&lt;strong&gt;, &lt;span&gt;, Word's &lt;o:p&gt;) does not. A table that holds tables is page layout, read
/// through; any other table is data. Scripts, styles and form controls are not content.
/// </summary>
internal static class HtmlBlocks
{
    private static readonly HashSet<string> NotContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "title", "svg", "canvas", "button", "select", "option",
        "textarea", "input", "iframe", "object", "embed", "audio", "video", "map",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "body", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "section", "article", "header", "footer", "main", "aside", "nav", "blockquote", "pre", "address", "figure",
        "figcaption", "center", "hr", "form", "fieldset", "legend", "details", "summary", "caption",
        "thead", "tbody", "tfoot", "tr", "td", "th",
    };

    public static List<HtmlBlock> Read(PageElement root)
    {
        var walker = new Walker();
        walker.Walk(root);
        walker.Flush();
        return walker.Blocks;
    }

    private sealed class Walker
    {
        private readonly StringBuilder _line = new();
        private PageElement? _lineElement;

        public List<HtmlBlock> Blocks { get; } = [];

        public void Walk(PageElement node)
        {
            foreach (var child in node.Children)
            {
                if (child is PageText text)
                {
                    if (_lineElement is null && !string.IsNullOrWhiteSpace(text.Data)) _lineElement = text.Parent;
                    _line.Append(text.Data);
                    continue;
                }
                var element = (PageElement)child;
                if (NotContent.Contains(element.LocalName)) continue;
                if (element.LocalName == "br")
                {
                    Flush();
                }
                else if (element.IsTable && !element.HasDescendant(e => e.LocalName == "table"))
                {
                    Flush();
                    Blocks.Add(new HtmlTableBlock(HtmlTableGrid.Expand(element), element, element.Line));
                }
                else if (element.IsTable || BlockElements.Contains(element.LocalName))
                {
                    Flush();
                    Walk(element);
                    Flush();
                }
                else
                {
                    Walk(element);
                }
            }
        }

        public void Flush()
        {
            if (_line.Length == 0)
            {
                _lineElement = null;
                return;
            }
            var text = HtmlText.Normalize(_line);
            if (text.Length > 0 && _lineElement is not null)
            {
                Blocks.Add(new HtmlTextBlock(text, _lineElement, _lineElement.Line));
            }
            _line.Clear();
            _lineElement = null;
        }
    }
}
