using System.Net;
using System.Text;

namespace InfoDisclosure.Reports.Rendering;

/// <summary>Writes HTML markup; every text and attribute value goes through <see cref="WebUtility.HtmlEncode"/>.</summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _html = new(32 * 1024);

    public HtmlWriter Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        _html.Append(WebUtility.HtmlEncode(text ?? ""));
        return this;
    }

    /// <summary>An opening tag; attributes with a null value are left out.</summary>
    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _html.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            _html.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
        }
        _html.Append('>');
        return this;
    }

    public HtmlWriter Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    public HtmlWriter Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>The start of a standalone page up to and including &lt;body&gt;: Chinese, UTF-8, phone width, its own styles.</summary>
    public HtmlWriter BeginPage(string title, string styles) =>
        Raw("<!doctype html>").Line()
            .Open("html", ("lang", "zh-CN")).Line()
            .Raw("<head>").Line()
            .Raw("<meta charset=\"utf-8\">").Line()
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">").Line()
            .Element("title", title).Line()
            .Raw("<style>").Line().Raw(styles).Line().Raw("</style>").Line()
            .Raw("</head>").Line()
            .Raw("<body>").Line();

    public HtmlWriter EndPage() => Raw("</body>").Line().Raw("</html>").Line();

    public HtmlWriter Line()
    {
        _html.Append('\n');
        return this;
    }

    public override string ToString() => _html.ToString();
}
