using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace InfoDisclosure.Reports.Import;

/// <summary>A piece of a page in reading order: a line of text, or a data table.</summary>
internal abstract record HtmlBlock(IElement Element, int SourceLine)
{
    public string Where => $"第{SourceLine}行";
}

/// <summary>A line as a reader sees it: a paragraph, a heading, or a part of either split by &lt;br&gt;.</summary>
internal sealed record HtmlTextBlock(string Text, IElement Element, int SourceLine) : HtmlBlock(Element, SourceLine);

internal sealed record HtmlTableBlock(HtmlTableGrid Grid, IElement Element, int SourceLine) : HtmlBlock(Element, SourceLine);

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

    public static List<HtmlBlock> Read(IElement root)
    {
        var walker = new Walker();
        walker.Walk(root);
        walker.Flush();
        return walker.Blocks;
    }

    private sealed class Walker
    {
        private readonly StringBuilder _line = new();
        private IElement? _lineElement;

        public List<HtmlBlock> Blocks { get; } = [];

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        if (_lineElement is null && !string.IsNullOrWhiteSpace(text.Data)) _lineElement = text.ParentElement;
                        _line.Append(text.Data);
                        break;
                    case IElement element when NotContent.Contains(element.LocalName):
                        break;
                    case IElement { LocalName: "br" }:
                        Flush();
                        break;
                    case IHtmlTableElement table when table.QuerySelector("table") is null:
                        Flush();
                        Blocks.Add(new HtmlTableBlock(HtmlTableGrid.Expand(table), table, HtmlText.LineOf(table)));
                        break;
                    case IElement element when element is IHtmlTableElement || BlockElements.Contains(element.LocalName):
                        Flush();
                        Walk(element);
                        Flush();
                        break;
                    case IElement element:
                        Walk(element);
                        break;
                }
            }
        }

        public void Flush()
        {
            var text = HtmlText.Normalize(_line.ToString());
            if (text.Length > 0 && _lineElement is not null)
            {
                Blocks.Add(new HtmlTextBlock(text, _lineElement, HtmlText.LineOf(_lineElement)));
            }
            _line.Clear();
            _lineElement = null;
        }
    }
}
