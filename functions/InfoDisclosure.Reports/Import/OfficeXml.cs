using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// An element of an Office Open XML part as <see cref="OfficeXml"/> reads it: namespace, local name, attributes,
/// child elements, and text only for the elements whose text the reader asked for.
/// </summary>
internal sealed class OfficeXmlElement(string ns, string localName)
{
    // Arrays of the exact size, set when the element ends: a Word body has thousands of elements, most with one
    // attribute or child, and growing lists for them was most of what reading a part allocated.
    private OfficeXmlElement[] _children = [];
    private (string Ns, string Name, string Value)[]? _attributes;
    private string? _text;

    public string Namespace { get; } = ns;

    public string LocalName { get; } = localName;

    public OfficeXmlElement[] Children => _children;

    /// <summary>The text directly in the element, for the elements read with their text.</summary>
    public string Text => _text ?? "";

    public bool Is(string ns, string localName) => Namespace == ns && LocalName == localName;

    public OfficeXmlElement? Element(string ns, string localName)
    {
        foreach (var child in _children)
        {
            if (child.Is(ns, localName)) return child;
        }
        return null;
    }

    public IEnumerable<OfficeXmlElement> Elements(string ns, string localName)
    {
        foreach (var child in _children)
        {
            if (child.Is(ns, localName)) yield return child;
        }
    }

    public bool HasDescendant(string ns, string localName)
    {
        foreach (var child in _children)
        {
            if (child.Is(ns, localName) || child.HasDescendant(ns, localName)) return true;
        }
        return false;
    }

    /// <summary>The attribute's value; <paramref name="ns"/> is "" for an attribute without a prefix.</summary>
    public string? Attribute(string ns, string localName)
    {
        if (_attributes is null) return null;
        foreach (var attribute in _attributes)
        {
            if (attribute.Ns == ns && attribute.Name == localName) return attribute.Value;
        }
        return null;
    }

    internal void SetChildren(OfficeXmlElement[] children) => _children = children;

    internal void SetAttributes((string Ns, string Name, string Value)[] attributes) => _attributes = attributes;

    /// <summary>Adds text to an element read with its text (a w:t almost always holds one text node).</summary>
    internal void AppendText(string text) => _text += text;

    internal bool KeepsText => _text is not null;

    internal void KeepText() => _text ??= "";
}

/// <summary>
/// What a reader needs of a part: the namespace URIs to hand back as these very strings, the elements read with their
/// text, the elements whose whole subtree is of no use (not built at all), and the attributes kept (by local name).
/// </summary>
internal sealed record OfficeXmlShape(
    IReadOnlyList<string> KnownNamespaces,
    Func<string, string, bool> KeepsText,
    Func<string, string, bool> Skips,
    Func<string, bool> KeepsAttribute)
{
    /// <summary>Each known URI (and the xml namespace's) by itself, built once rather than for every part read.</summary>
    internal Dictionary<string, string> Known { get; } =
        KnownNamespaces.Append(OfficeXml.XmlNamespace).Distinct().ToDictionary(n => n, n => n, StringComparer.Ordinal);
}

/// <summary>
/// Reads an Office Open XML part (UTF-8 or UTF-16, no DTD) into <see cref="OfficeXmlElement"/>s, without an XML DOM:
/// a batch check reads thousands of documents, and building the framework's tree of a Word body took longer than all
/// the rest of its import. Namespaces are resolved from the xmlns declarations in scope; the known namespace URIs come back
/// as the very strings given, so comparing them mostly stops at the reference. Text, entity and character
/// references, CDATA and line ends are read as an XML parser reads them; malformed markup throws an
/// <see cref="XmlException"/>, as the framework's reader does.
/// </summary>
internal sealed class OfficeXml
{
    /// <summary>A part larger than this is refused rather than read into memory (a Word body is rarely 5 MB).</summary>
    public const int MaxPartBytes = 64 * 1024 * 1024;

    internal const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private readonly Dictionary<string, string> _known;
    private readonly OfficeXmlShape _shape;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private readonly List<(string Prefix, string Uri, int Depth)> _scope = [];
    private readonly List<(int NameStart, int NameLength, int ValueStart, int ValueLength)> _attributes = [];
    private readonly List<(string Ns, string Name, string Value)> _kept = [];

    /// <summary>The children of the open elements, each element's after its parent's; moved to an array when it ends.</summary>
    private readonly List<OfficeXmlElement> _pending = [];

    private OfficeXml(OfficeXmlShape shape)
    {
        _known = shape.Known;
        _shape = shape;
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Reads a part of <paramref name="length"/> bytes (as its zip entry says) and returns its root element.</summary>
    public static OfficeXmlElement Read(Stream part, long length, OfficeXmlShape shape)
    {
        if (length > MaxPartBytes) throw new InvalidDataException($"文档的一个部分有 {length / 1024 / 1024} MB，超过可以读取的 {MaxPartBytes / 1024 / 1024} MB。");
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1024));
        try
        {
            var read = 0;
            while (true)
            {
                if (read == buffer.Length)
                {
                    if (buffer.Length >= MaxPartBytes) throw new InvalidDataException($"文档的一个部分超过可以读取的 {MaxPartBytes / 1024 / 1024} MB。");
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxPartBytes));
                    buffer.AsSpan(0, read).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var n = part.Read(buffer, read, buffer.Length - read);
                if (n == 0) break;
                read += n;
            }
            return new OfficeXml(shape).Parse(Utf8(buffer.AsSpan(0, read)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The part as UTF-8 without a byte order mark (a UTF-16 part is converted).</summary>
    private static ReadOnlySpan<byte> Utf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return bytes[3..];
        if (bytes.Length >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0x3C && bytes[1] == 0))
        {
            return Encoding.UTF8.GetBytes(Encoding.Unicode.GetString(bytes[0] == 0xFF ? bytes[2..] : bytes));
        }
        if (bytes.Length >= 2 && (bytes[0] == 0xFE && bytes[1] == 0xFF || bytes[0] == 0 && bytes[1] == 0x3C))
        {
            return Encoding.UTF8.GetBytes(Encoding.BigEndianUnicode.GetString(bytes[0] == 0xFE ? bytes[2..] : bytes));
        }
        return bytes;
    }

    private OfficeXmlElement Parse(ReadOnlySpan<byte> xml)
    {
        // A null element is one of a skipped subtree: its tags are only matched.
        var open = new List<(OfficeXmlElement? Element, int NameStart, int NameLength, int FirstChild)>();
        OfficeXmlElement? root = null;
        var i = 0;
        while (i < xml.Length)
        {
            if (xml[i] != (byte)'<')
            {
                var end = xml[i..].IndexOf((byte)'<');
                var text = end < 0 ? xml[i..] : xml.Slice(i, end);
                if (open.Count > 0)
                {
                    if (open[^1].Element is { KeepsText: true } element) element.AppendText(DecodeText(text, attribute: false));
                }
                else if (!IsWhitespace(text))
                {
                    throw Error("根元素之外有文字", i);
                }
                i = end < 0 ? xml.Length : i + end;
                continue;
            }
            var rest = xml[i..];
            if (rest.StartsWith("<?"u8))
            {
                i = After(xml, i, "?>"u8, "处理指令没有结束");
            }
            else if (rest.StartsWith("<!--"u8))
            {
                i = After(xml, i + 4, "-->"u8, "注释没有结束");
            }
            else if (rest.StartsWith("<![CDATA["u8))
            {
                if (open.Count == 0) throw Error("根元素之外有 CDATA", i);
                var end = rest.IndexOf("]]>"u8);
                if (end < 0) throw Error("CDATA 没有结束", i);
                if (open[^1].Element is { KeepsText: true } element) element.AppendText(NormalizeLineEnds(Encoding.UTF8.GetString(rest[9..end])));
                i += end + 3;
            }
            else if (rest.StartsWith("<!"u8))
            {
                throw Error("不接受文档类型定义（DTD）", i);
            }
            else if (rest.StartsWith("</"u8))
            {
                var (start, length) = Name(xml, i + 2);
                var close = SkipWhitespace(xml, start + length);
                if (close >= xml.Length || xml[close] != (byte)'>') throw Error("结束标记没有结束", i);
                if (open.Count == 0 || !xml.Slice(start, length).SequenceEqual(xml.Slice(open[^1].NameStart, open[^1].NameLength)))
                {
                    throw Error($"结束标记 {Encoding.UTF8.GetString(xml.Slice(start, length))} 与开始标记不配", i);
                }
                var (ended, _, _, firstChild) = open[^1];
                if (ended is not null && _pending.Count > firstChild)
                {
                    ended.SetChildren(CollectionsMarshal.AsSpan(_pending)[firstChild..].ToArray());
                    _pending.RemoveRange(firstChild, _pending.Count - firstChild);
                }
                open.RemoveAt(open.Count - 1);
                EndScope(open.Count);
                i = close + 1;
            }
            else
            {
                if (root is not null && open.Count == 0) throw Error("有第二个根元素", i);
                var parent = open.Count > 0 ? open[^1].Element : null;
                var skipped = open.Count > 0 && parent is null;
                i = StartTag(xml, i, open.Count, skipped, out var element, out var nameStart, out var nameLength, out var empty);
                if (element is not null && parent is not null) _pending.Add(element);
                root ??= element;
                if (empty) EndScope(open.Count);
                else open.Add((element, nameStart, nameLength, _pending.Count));
            }
        }
        if (open.Count > 0) throw Error($"元素 {Encoding.UTF8.GetString(xml.Slice(open[^1].NameStart, open[^1].NameLength))} 没有结束", xml.Length);
        return root ?? throw Error("没有根元素", 0);
    }

    /// <summary>
    /// Reads a start tag at <paramref name="at"/>; returns the index after it. The element is null when it is skipped,
    /// or <paramref name="inSkipped"/> a skipped subtree.
    /// </summary>
    private int StartTag(ReadOnlySpan<byte> xml, int at, int depth, bool inSkipped, out OfficeXmlElement? element, out int nameStart, out int nameLength, out bool empty)
    {
        (nameStart, nameLength) = Name(xml, at + 1);
        var attributes = _attributes;
        attributes.Clear();
        var i = nameStart + nameLength;
        while (true)
        {
            var next = SkipWhitespace(xml, i);
            if (next >= xml.Length) throw Error("开始标记没有结束", at);
            if (xml[next] == (byte)'>')
            {
                empty = false;
                i = next + 1;
                break;
            }
            if (xml[next] == (byte)'/')
            {
                if (next + 1 >= xml.Length || xml[next + 1] != (byte)'>') throw Error("开始标记没有结束", at);
                empty = true;
                i = next + 2;
                break;
            }
            if (next == i) throw Error("属性之间缺少空白", next);
            var (attributeStart, attributeLength) = Name(xml, next);
            var equals = SkipWhitespace(xml, attributeStart + attributeLength);
            if (equals >= xml.Length || xml[equals] != (byte)'=') throw Error("属性缺少“=”", next);
            var quote = SkipWhitespace(xml, equals + 1);
            if (quote >= xml.Length || xml[quote] is not ((byte)'"' or (byte)'\'')) throw Error("属性值缺少引号", next);
            var close = xml[(quote + 1)..].IndexOf(xml[quote]);
            if (close < 0) throw Error("属性值没有结束", next);
            if (xml.Slice(quote + 1, close).Contains((byte)'<')) throw Error("属性值中有“<”", next);
            attributes.Add((attributeStart, attributeLength, quote + 1, close));
            i = quote + 1 + close + 1;
        }
        element = null;
        if (inSkipped) return i;
        foreach (var (start, length, valueStart, valueLength) in attributes)
        {
            var name = xml.Slice(start, length);
            if (name.SequenceEqual("xmlns"u8)) _scope.Add(("", Known(DecodeText(xml.Slice(valueStart, valueLength), attribute: true)), depth));
            else if (name.StartsWith("xmlns:"u8)) _scope.Add((Intern(name[6..]), Known(DecodeText(xml.Slice(valueStart, valueLength), attribute: true)), depth));
        }
        var qualified = xml.Slice(nameStart, nameLength);
        var colon = qualified.IndexOf((byte)':');
        var (ns, localName) = colon < 0
            ? (Resolve("", at), Intern(qualified))
            : (Resolve(Intern(qualified[..colon]), at), Intern(qualified[(colon + 1)..]));
        if (_shape.Skips(ns, localName)) return i;
        element = new OfficeXmlElement(ns, localName);
        _kept.Clear();
        foreach (var (start, length, valueStart, valueLength) in attributes)
        {
            var name = xml.Slice(start, length);
            if (name.SequenceEqual("xmlns"u8) || name.StartsWith("xmlns:"u8)) continue;
            var split = name.IndexOf((byte)':');
            var attributeName = Intern(split < 0 ? name : name[(split + 1)..]);
            if (!_shape.KeepsAttribute(attributeName)) continue;
            _kept.Add((split < 0 ? "" : Resolve(Intern(name[..split]), start), attributeName, AttributeValue(xml.Slice(valueStart, valueLength))));
        }
        if (_kept.Count > 0) element.SetAttributes(_kept.ToArray());
        if (_shape.KeepsText(ns, localName)) element.KeepText();
        return i;
    }

    /// <summary>
    /// An attribute's value; a short one without references or line ends is interned, as the few values of a part
    /// (style ids, "center", "restart") repeat hundreds of times.
    /// </summary>
    private string AttributeValue(ReadOnlySpan<byte> raw) =>
        raw.Length <= 64 && raw.IndexOfAny(ReferenceOrLineEnd) < 0 ? Intern(raw) : DecodeText(raw, attribute: true);

    private static readonly SearchValues<byte> ReferenceOrLineEnd = SearchValues.Create("&\r\n\t"u8);

    private void EndScope(int depth)
    {
        while (_scope.Count > 0 && _scope[^1].Depth >= depth) _scope.RemoveAt(_scope.Count - 1);
    }

    private string Resolve(string prefix, int at)
    {
        if (prefix == "xml") return XmlNamespace;
        for (var i = _scope.Count - 1; i >= 0; i--)
        {
            if (_scope[i].Prefix == prefix) return _scope[i].Uri;
        }
        if (prefix.Length == 0) return "";
        throw Error($"前缀 {prefix} 没有声明命名空间", at);
    }

    private string Known(string uri) => _known.TryGetValue(uri, out var known) ? known : uri;

    /// <summary>
    /// One string per name in a part: names repeat thousands of times in a Word body. Most are found by their bytes
    /// in <see cref="_recent"/>, without decoding and hashing them.
    /// </summary>
    private string Intern(ReadOnlySpan<byte> utf8)
    {
        var recent = _recent ??= new (byte[]?, string?)[RecentSlots];
        var slot = utf8.IsEmpty ? 0 : (utf8.Length * 31 + utf8[0] * 7 + utf8[^1]) & (RecentSlots - 1);
        var (recentUtf8, recentName) = recent[slot];
        if (recentName is not null && utf8.SequenceEqual(recentUtf8)) return recentName;
        var name = Decoded(utf8);
        if (recentName is null && utf8.Length <= 64) recent[slot] = (utf8.ToArray(), name);
        return name;
    }

    private const int RecentSlots = 256;

    /// <summary>
    /// The names (and short attribute values) this thread has read, by a hash of their bytes, each slot filled once:
    /// the documents of a batch use the same few dozen, so a slot is rarely contended, and a name not found here is
    /// still read correctly below.
    /// </summary>
    [ThreadStatic]
    private static (byte[]? Utf8, string? Name)[]? _recent;

    /// <summary>The name decoded, one string per name in the part.</summary>
    private string Decoded(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[256];
        if (utf8.Length <= chars.Length && Encoding.UTF8.TryGetChars(utf8, chars, out var count))
        {
            var name = chars[..count];
            if (_nameLookup.TryGetValue(name, out var existing)) return existing;
            var added = name.ToString();
            _names.Add(added);
            return added;
        }
        return Encoding.UTF8.GetString(utf8);
    }

    private static (int Start, int Length) Name(ReadOnlySpan<byte> xml, int start)
    {
        var i = start;
        while (i < xml.Length && xml[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'>' or (byte)'/' or (byte)'=' or (byte)'<' or (byte)'"' or (byte)'\''))
        {
            i++;
        }
        if (i == start) throw Error("缺少名称", start);
        return (start, i - start);
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> xml, int i)
    {
        while (i < xml.Length && xml[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return i;
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> text) => SkipWhitespace(text, 0) == text.Length;

    private static int After(ReadOnlySpan<byte> xml, int from, ReadOnlySpan<byte> end, string unterminated)
    {
        var at = xml[from..].IndexOf(end);
        if (at < 0) throw Error(unterminated, from);
        return from + at + end.Length;
    }

    /// <summary>Text or an attribute value with its references replaced and its line ends read as XML reads them.</summary>
    private static string DecodeText(ReadOnlySpan<byte> raw, bool attribute)
    {
        var text = Encoding.UTF8.GetString(raw);
        if (text.AsSpan().IndexOfAny('&', '\r') < 0 && (!attribute || text.AsSpan().IndexOfAny('\n', '\t') < 0)) return text;
        text = NormalizeLineEnds(text);
        if (attribute) text = text.Replace('\n', ' ').Replace('\t', ' ');
        if (!text.Contains('&')) return text;
        var decoded = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var amp = text.IndexOf('&', i);
            if (amp < 0)
            {
                decoded.Append(text, i, text.Length - i);
                break;
            }
            decoded.Append(text, i, amp - i);
            var semicolon = text.IndexOf(';', amp);
            if (semicolon < 0) throw Error("实体引用没有以“;”结束");
            var reference = text.AsSpan(amp + 1, semicolon - amp - 1);
            switch (reference)
            {
                case "lt": decoded.Append('<'); break;
                case "gt": decoded.Append('>'); break;
                case "amp": decoded.Append('&'); break;
                case "quot": decoded.Append('"'); break;
                case "apos": decoded.Append('\''); break;
                default:
                    decoded.Append(CharacterReference(reference));
                    break;
            }
            i = semicolon + 1;
        }
        return decoded.ToString();
    }

    private static string CharacterReference(ReadOnlySpan<char> reference)
    {
        if (reference.Length < 2 || reference[0] != '#') throw Error($"未知的实体引用 &{reference};");
        var hex = reference[1] is 'x';
        if (!int.TryParse(reference[(hex ? 2 : 1)..], hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var code) || code is 0 or > 0x10FFFF or >= 0xD800 and <= 0xDFFF)
        {
            throw Error($"字符引用 &{reference}; 不是有效的字符");
        }
        return char.ConvertFromUtf32(code);
    }

    private static string NormalizeLineEnds(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;

    private static XmlException Error(string problem, int at) => new($"XML 格式错误（第 {at} 字节处）：{problem}。");

    private static XmlException Error(string problem) => new($"XML 格式错误：{problem}。");
}
