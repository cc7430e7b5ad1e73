using System.Text;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// A fast reader for the pages most reports are: markup in which every element is closed where it is opened and
/// nothing needs the error recovery of the HTML parsing rules. For such a page the HTML tree is the tree of its tags
/// (with the html, head, body and tbody elements the rules imply when left out), which this builds directly, with
/// each element's source line as AngleSharp gives it. At the first thing it does not know for certain (an unclosed
/// or misnested tag, text where a table wants rows, an unknown element or entity, a form, a &lt;pre&gt;, ...) it
/// gives up and returns null, and the page goes to AngleSharp: the result is the same either way, only slower.
/// </summary>
internal sealed class HtmlPageParser
{
    private enum Mode
    {
        Initial,
        BeforeHead,
        InHead,
        AfterHead,
        InBody,
    }

    /// <summary>Elements that close an open &lt;p&gt; when they start: a page with one inside a paragraph goes to AngleSharp.</summary>
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
        "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "hr", "table", "pre", "listing", "form",
        "plaintext", "xmp",
    };

    /// <summary>Block elements read as they are written (each also in <see cref="ClosesParagraph"/>).</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "div", "dl", "figcaption", "figure", "footer", "header",
        "main", "nav", "ol", "p", "section", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt",
    };

    /// <summary>Phrasing elements with no rule of their own in the HTML parser (or a formatting element's, harmless when properly nested).</summary>
    private static readonly HashSet<string> Inline = new(StringComparer.Ordinal)
    {
        "span", "b", "i", "u", "s", "em", "strong", "small", "big", "font", "tt", "strike", "code", "sup", "sub", "label",
        "abbr", "cite", "time", "mark", "q", "var", "kbd", "samp", "ins", "del",
    };

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal) { "br", "img", "wbr", "meta", "link", "input", "embed", "area", "hr" };

    private static readonly HashSet<string> HeadVoid = new(StringComparer.Ordinal) { "meta", "link", "base", "basefont", "bgsound" };

    private static readonly HashSet<string> TableSections = new(StringComparer.Ordinal) { "thead", "tbody", "tfoot" };

    private readonly string _s;
    private int _pos;
    private int _linePos;
    private int _line = 1;
    private Mode _mode = Mode.Initial;
    private readonly List<PageElement> _stack = [];
    private PageElement? _html;
    private PageElement? _body;
    // The text for the current node: most often one piece, kept as it is; several are joined.
    private string? _pendingText;
    private StringBuilder? _moreText;

    private HtmlPageParser(string html) => _s = html;

    /// <summary>The page, or null when it needs the full HTML parser.</summary>
    public static HtmlPage? TryParse(string html)
    {
        if (html.Contains('\0')) return null;
        // The HTML input stream turns CR LF and CR into LF before anything else.
        if (html.Contains('\r')) html = html.Replace("\r\n", "\n").Replace('\r', '\n');
        var parser = new HtmlPageParser(html);
        return parser.Run() ? new HtmlPage(parser._html!, parser._body) : null;
    }

    private bool Run()
    {
        while (_pos < _s.Length)
        {
            var lt = _s.IndexOf('<', _pos);
            var end = lt < 0 ? _s.Length : lt;
            if (end > _pos)
            {
                if (DecodeText(_pos, end) is not { } text || !Characters(text)) return false;
                _pos = end;
                continue;
            }
            if (!Markup()) return false;
        }
        return EndOfFile();
    }

    private PageElement Current => _stack[^1];

    private int LineAt(int position)
    {
        _line += _s.AsSpan(_linePos, position - _linePos).Count('\n');
        _linePos = position;
        return _line;
    }

    // ───────────── Tokens ─────────────

    private bool Markup()
    {
        var start = _pos;
        var next = start + 1 < _s.Length ? _s[start + 1] : '\0';
        if (next == '!')
        {
            if (string.CompareOrdinal(_s, start, "<!--", 0, 4) == 0) return Comment();
            if (start + 9 <= _s.Length && Ascii.EqualsIgnoreCase(_s.AsSpan(start + 2, 7), "doctype"))
            {
                var close = _s.IndexOf('>', start);
                if (close < 0 || _mode != Mode.Initial) return false;
                _pos = close + 1;
                return true;
            }
            return false;
        }
        if (next == '/')
        {
            if (start + 2 >= _s.Length || !char.IsAsciiLetter(_s[start + 2])) return false;
            _pos = start + 2;
            var name = TagName();
            return name is not null && SkipEndTagRest() && EndTag(name);
        }
        if (char.IsAsciiLetter(next))
        {
            _pos = start + 1;
            return StartTag(start) is { } tag && StartTag(tag);
        }
        if (next == '?' || start + 1 >= _s.Length) return false;
        // "<" not starting a tag is text.
        _pos = start + 1;
        return Characters("<");
    }

    private bool Comment()
    {
        var bodyStart = _pos + 4;
        var close = _s.IndexOf("-->", bodyStart, StringComparison.Ordinal);
        if (close < 0) return false;
        var body = _s.AsSpan(bodyStart, close - bodyStart);
        // "<!-->", "<!--->" and "--!>" end a comment early under the parsing rules.
        if (body.StartsWith(">") || body.StartsWith("->") || body.Contains("--!>", StringComparison.Ordinal)) return false;
        _pos = close + 3;
        return true;
    }

    private readonly record struct Tag(string Name, int Line, string? Class, int RowSpan, int ColumnSpan, bool SelfClosing);

    /// <summary>The names a page repeats hundreds of times, shared rather than copied for every tag.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownNames =
        new HashSet<string>(ClosesParagraph.Concat(Inline).Concat(Void).Concat(HeadVoid).Concat(TableSections)
            .Concat(["html", "head", "body", "title", "style", "script", "a", "tr", "td", "th", "caption"]), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A tag name from _pos, lower-cased; null at the end of input.</summary>
    private string? TagName()
    {
        var start = _pos;
        while (_pos < _s.Length && _s[_pos] is not (' ' or '\t' or '\n' or '\f' or '/' or '>')) _pos++;
        if (_pos >= _s.Length) return null;
        var name = _s.AsSpan(start, _pos - start);
        // Only ASCII letters change case in a tag name; other characters are no name this reader knows anyway.
        var upper = false;
        foreach (var c in name)
        {
            if (c > '\x7F') return null;
            upper |= char.IsAsciiLetterUpper(c);
        }
        if (upper) return name.ToString().ToLowerInvariant();
        return KnownNames.TryGetValue(name, out var known) ? known : name.ToString();
    }

    private Tag? StartTag(int start)
    {
        var name = TagName();
        if (name is null) return null;
        string? cls = null, rowSpan = null, colSpan = null;
        bool seenClass = false, seenRow = false, seenCol = false, selfClosing = false;
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _s.Length) return null;
            var c = _s[_pos];
            if (c == '>')
            {
                _pos++;
                break;
            }
            if (c == '/')
            {
                _pos++;
                if (_pos < _s.Length && _s[_pos] == '>')
                {
                    _pos++;
                    selfClosing = true;
                    break;
                }
                continue;
            }
            if (Attribute() is not { } attribute) return null;
            var (kind, value) = attribute;
            // The first of a repeated attribute counts.
            switch (kind)
            {
                case AttributeKind.Class when !seenClass: seenClass = true; cls = value; break;
                case AttributeKind.RowSpan when !seenRow: seenRow = true; rowSpan = value; break;
                case AttributeKind.ColumnSpan when !seenCol: seenCol = true; colSpan = value; break;
            }
        }
        if ((seenClass && cls is null) || !Span(seenRow, rowSpan, out var rows) || !Span(seenCol, colSpan, out var cols)) return null;
        return new Tag(name, LineAt(start), cls, rows, cols, selfClosing);
    }

    /// <summary>rowspan/colspan of 1 to 999 as written; anything else (blank, 0, signs, spaces, large) is left to AngleSharp.</summary>
    private static bool Span(bool present, string? value, out int span)
    {
        span = 1;
        if (!present) return true;
        if (value is not { Length: >= 1 and <= 3 } || value[0] == '0' || !value.All(char.IsAsciiDigit)) return false;
        span = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private enum AttributeKind
    {
        Other,
        Class,
        RowSpan,
        ColumnSpan,
    }

    /// <summary>
    /// One attribute: which of the read ones it is, and its value (only theirs is kept; null when it has a character
    /// reference, which leaves the page to AngleSharp). Null at the end of input or for names the parsing rules treat
    /// as errors.
    /// </summary>
    private (AttributeKind Kind, string? Value)? Attribute()
    {
        var start = _pos;
        while (_pos < _s.Length && _s[_pos] is not (' ' or '\t' or '\n' or '\f' or '/' or '>' or '='))
        {
            if (_s[_pos] is '"' or '\'' or '<') return null;
            _pos++;
        }
        if (_pos >= _s.Length || _pos == start) return null;
        var name = _s.AsSpan(start, _pos - start);
        // Names are compared as the tokenizer lower-cases them: ASCII letters only.
        var kind = Ascii.EqualsIgnoreCase(name, "class") ? AttributeKind.Class
            : Ascii.EqualsIgnoreCase(name, "rowspan") ? AttributeKind.RowSpan
            : Ascii.EqualsIgnoreCase(name, "colspan") ? AttributeKind.ColumnSpan
            : AttributeKind.Other;
        SkipWhitespace();
        if (_pos >= _s.Length) return null;
        if (_s[_pos] != '=') return (kind, "");
        _pos++;
        SkipWhitespace();
        if (_pos >= _s.Length) return null;
        int valueStart, valueEnd;
        var quote = _s[_pos];
        if (quote is '"' or '\'')
        {
            var close = _s.IndexOf(quote, _pos + 1);
            if (close < 0) return null;
            (valueStart, valueEnd) = (_pos + 1, close);
            _pos = close + 1;
        }
        else if (quote == '>')
        {
            return (kind, "");
        }
        else
        {
            valueStart = _pos;
            while (_pos < _s.Length && _s[_pos] is not (' ' or '\t' or '\n' or '\f' or '>')) _pos++;
            if (_pos >= _s.Length) return null;
            valueEnd = _pos;
        }
        if (kind == AttributeKind.Other) return (kind, null);
        var value = _s.AsSpan(valueStart, valueEnd - valueStart);
        return (kind, value.Contains('&') ? null : value.ToString());
    }

    private bool SkipEndTagRest()
    {
        // An end tag's attributes mean nothing; quotes in them are not worth the trouble.
        var close = _s.IndexOf('>', _pos);
        if (close < 0 || _s.AsSpan(_pos, close - _pos).ContainsAny('"', '\'')) return false;
        _pos = close + 1;
        return true;
    }

    private void SkipWhitespace()
    {
        while (_pos < _s.Length && _s[_pos] is ' ' or '\t' or '\n' or '\f') _pos++;
    }

    /// <summary>Text with its character references decoded; null for a reference other than the few common ones.</summary>
    private string? DecodeText(int start, int end)
    {
        var amp = _s.IndexOf('&', start, end - start);
        if (amp < 0) return end - start == 1 && _s[start] == '\n' ? "\n" : _s[start..end];
        var text = new StringBuilder(end - start);
        var i = start;
        while (amp >= 0)
        {
            text.Append(_s, i, amp - i);
            var after = amp + 1;
            if (after >= end || !(char.IsAsciiLetterOrDigit(_s[after]) || _s[after] == '#'))
            {
                text.Append('&');
                i = after;
            }
            else
            {
                var semicolon = _s.IndexOf(';', after, Math.Min(end - after, 10));
                if (semicolon < 0 || Entity(_s.AsSpan(after, semicolon - after)) is not { } decoded) return null;
                text.Append(decoded);
                i = semicolon + 1;
            }
            amp = i < end ? _s.IndexOf('&', i, end - i) : -1;
        }
        text.Append(_s, i, end - i);
        return text.ToString();
    }

    private static string? Entity(ReadOnlySpan<char> name)
    {
        switch (name)
        {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return "\u00A0";
        }
        if (name.Length < 2 || name[0] != '#') return null;
        var hex = name[1] is 'x' or 'X';
        var digits = name[(hex ? 2 : 1)..];
        if (digits.Length is 0 or > 6) return null;
        if (!int.TryParse(digits, hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var code)) return null;
        // Only characters the rules pass through unchanged; NUL, C1 controls, surrogates and non-characters are remapped or flagged.
        var plain = code is 0x09 or 0x0A or (>= 0x20 and <= 0x7E) or (>= 0xA0 and <= 0xD7FF) or (>= 0xE000 and <= 0xFDCF) or (>= 0xFDF0 and <= 0xFFFD)
            || (code is >= 0x10000 and <= 0x10FFFF && (code & 0xFFFE) != 0xFFFE);
        return plain ? char.ConvertFromUtf32(code) : null;
    }

    /// <summary>The text of a raw-text element (&lt;style&gt;, &lt;script&gt;, &lt;title&gt;) up to its end tag, which is consumed.</summary>
    private string? RawText(string name)
    {
        var from = _pos;
        while (true)
        {
            var close = _s.IndexOf("</", from, StringComparison.Ordinal);
            if (close < 0 || close + 2 + name.Length >= _s.Length) return null;
            var after = _s[close + 2 + name.Length];
            if (Ascii.EqualsIgnoreCase(_s.AsSpan(close + 2, name.Length), name) && after is ' ' or '\t' or '\n' or '\f' or '/' or '>')
            {
                var text = _s[_pos..close];
                // Script text with "<!--" has escaping rules of its own; a title's references would need decoding.
                if ((name == "script" && text.Contains("<!--", StringComparison.Ordinal)) || (name == "title" && text.Contains('&'))) return null;
                _pos = close + 2 + name.Length;
                return SkipEndTagRest() ? text : null;
            }
            from = close + 2;
        }
    }

    // ───────────── Tree ─────────────

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\f';

    private static int LeadingWhitespace(string text)
    {
        var n = 0;
        while (n < text.Length && IsWhitespace(text[n])) n++;
        return n;
    }

    private bool Characters(string text)
    {
        switch (_mode)
        {
            case Mode.Initial or Mode.BeforeHead or Mode.InHead or Mode.AfterHead:
                // White space before the body is not part of it.
                var skip = LeadingWhitespace(text);
                if (skip == text.Length) return true;
                ImplyBody(_mode);
                text = text[skip..];
                break;
        }
        if (IsTableContext(Current))
        {
            // Text in a table outside its cells is moved out of the table by the rules ("foster parenting").
            if (LeadingWhitespace(text) != text.Length) return false;
        }
        if (_pendingText is null)
        {
            _pendingText = text;
        }
        else
        {
            _moreText ??= new StringBuilder();
            if (_moreText.Length == 0) _moreText.Append(_pendingText);
            _moreText.Append(text);
        }
        return true;
    }

    private static bool IsTableContext(PageElement e) => e.LocalName is "table" or "thead" or "tbody" or "tfoot" or "tr";

    private void FlushText()
    {
        if (_pendingText is null) return;
        var text = _pendingText;
        if (_moreText is { Length: > 0 })
        {
            text = _moreText.ToString();
            _moreText.Clear();
        }
        _pendingText = null;
        if (text.Length == 0) return;
        var parent = Current;
        parent.Children.Add(new PageText(text) { Parent = parent });
    }

    private PageElement Insert(string name, int line, Tag? tag = null)
    {
        FlushText();
        var parent = _stack.Count > 0 ? Current : null;
        var element = new PageElement(name, true, line) { Parent = parent, ClassName = tag?.Class };
        if (tag is { } t)
        {
            element.RowSpan = t.RowSpan;
            element.ColumnSpan = t.ColumnSpan;
        }
        parent?.Children.Add(element);
        return element;
    }

    private void Push(PageElement element) => _stack.Add(element);

    private void Pop()
    {
        FlushText();
        _stack.RemoveAt(_stack.Count - 1);
    }

    private void EnsureHtml(int line = 0)
    {
        if (_html is not null) return;
        _html = Insert("html", line);
        Push(_html);
    }

    /// <summary>The html, head and body elements the rules create when the page leaves them out, up to an open body.</summary>
    private void ImplyBody(Mode from)
    {
        if (from == Mode.Initial) EnsureHtml();
        // The head is never on the stack here: what it holds is not read, only skipped.
        if (from is Mode.Initial or Mode.BeforeHead) Insert("head", 0);
        _body = Insert("body", 0);
        Push(_body);
        _mode = Mode.InBody;
    }

    private bool HasOpen(string name)
    {
        foreach (var e in _stack)
        {
            if (e.LocalName == name) return true;
        }
        return false;
    }

    private bool StartTag(Tag tag)
    {
        var name = tag.Name;
        switch (_mode)
        {
            case Mode.Initial when name == "html":
                EnsureHtml(tag.Line);
                _mode = Mode.BeforeHead;
                return true;
            case Mode.Initial or Mode.BeforeHead when name == "head":
                EnsureHtml();
                Insert("head", tag.Line);
                _mode = Mode.InHead;
                return true;
            case Mode.Initial or Mode.BeforeHead when IsHeadContent(name):
                EnsureHtml();
                Insert("head", 0);
                _mode = Mode.InHead;
                return HeadContent(tag);
            case Mode.InHead when IsHeadContent(name):
                return HeadContent(tag);
            case Mode.Initial or Mode.BeforeHead when name == "body":
                EnsureHtml();
                Insert("head", 0);
                _body = Insert("body", tag.Line);
                Push(_body);
                _mode = Mode.InBody;
                return true;
            case Mode.AfterHead or Mode.InHead when name == "body":
                _body = Insert("body", tag.Line);
                Push(_body);
                _mode = Mode.InBody;
                return true;
            case Mode.Initial or Mode.BeforeHead or Mode.InHead or Mode.AfterHead:
                if (name is "html" or "head" or "body" or "frameset" || IsHeadContent(name) || name == "noscript") return false;
                ImplyBody(_mode);
                break;
        }
        return IsTableContext(Current) ? TableStartTag(tag) : BodyStartTag(tag);
    }

    private static bool IsHeadContent(string name) => name is "title" or "style" or "script" || HeadVoid.Contains(name);

    /// <summary>An element of the head, which the import does not read: only its extent matters.</summary>
    private bool HeadContent(Tag tag)
    {
        if (HeadVoid.Contains(tag.Name)) return true;
        return RawText(tag.Name) is not null;
    }

    private bool BodyStartTag(Tag tag)
    {
        var name = tag.Name;
        if (name is "style" or "script") return RawElement(tag);
        if (Void.Contains(name))
        {
            if (name == "hr" && HasOpen("p")) return false;
            Insert(name, tag.Line, tag);
            return true;
        }
        if (tag.SelfClosing) return false;
        if (ClosesParagraph.Contains(name))
        {
            if (HasOpen("p")) return false;
            if (name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" && Current.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6") return false;
            if (name is "li" or "dd" or "dt" && (HasOpen("li") || HasOpen("dd") || HasOpen("dt"))) return false;
            if (name == "table")
            {
                Push(Insert(name, tag.Line, tag));
                return true;
            }
            if (!Blocks.Contains(name)) return false;
            Push(Insert(name, tag.Line, tag));
            return true;
        }
        if (name == "a")
        {
            if (HasOpen("a")) return false;
        }
        else if (!Inline.Contains(name) && !name.Contains(':') && !name.Contains('-'))
        {
            // Anything the rules might treat specially (forms, lists of options, frames, svg, ...) goes to AngleSharp.
            return false;
        }
        Push(Insert(name, tag.Line, tag));
        return true;
    }

    private bool RawElement(Tag tag)
    {
        if (tag.SelfClosing) return false;
        var element = Insert(tag.Name, tag.Line, tag);
        if (RawText(tag.Name) is not { } text) return false;
        if (text.Length > 0) element.Children.Add(new PageText(text) { Parent = element });
        return true;
    }

    private bool TableStartTag(Tag tag)
    {
        var current = Current.LocalName;
        var name = tag.Name;
        if (name is "style" or "script") return RawElement(tag);
        if (tag.SelfClosing) return false;
        switch (current, name)
        {
            case ("table", "caption"):
            case ("table", "thead" or "tbody" or "tfoot"):
            case ("thead" or "tbody" or "tfoot", "tr"):
            case ("tr", "td" or "th"):
                Push(Insert(name, tag.Line, tag));
                return true;
            case ("table", "tr"):
                // A row straight in a table gets the tbody the rules imply.
                Push(Insert("tbody", 0));
                Push(Insert(name, tag.Line, tag));
                return true;
            default:
                return false;
        }
    }

    private bool EndTag(string name)
    {
        if (_mode != Mode.InBody)
        {
            if (_mode == Mode.InHead && name == "head")
            {
                _mode = Mode.AfterHead;
                return true;
            }
            if (name is not ("body" or "html")) return false;
            ImplyBody(_mode);
        }
        var current = Current;
        if (name is "body" or "html")
        {
            // What follows the end of the body is still put in the body by the rules.
            return _stack.Count == 2 && current == _body;
        }
        if (current.LocalName == name && current != _body && current != _html)
        {
            Pop();
            return true;
        }
        // </table> closes the tbody it implied (or one left open).
        if (name == "table" && TableSections.Contains(current.LocalName) && _stack.Count >= 2 && _stack[^2].LocalName == "table")
        {
            Pop();
            Pop();
            return true;
        }
        return false;
    }

    private bool EndOfFile()
    {
        if (_mode != Mode.InBody) ImplyBody(_mode);
        FlushText();
        return true;
    }
}
