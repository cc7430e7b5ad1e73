using System.Buffers;
using System.Text;
using System.Xml;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// An element of a small Office Open XML part as <see cref="OfficeXml"/> reads it: namespace, local name, the
/// attributes kept and child elements (no text: relationships and styles hold theirs in attributes).
/// </summary>
internal sealed class OfficeXmlElement(string ns, string localName)
{
    private OfficeXmlElement[] _children = [];
    private (string Ns, string Name, string Value)[]? _attributes;

    public string Namespace { get; } = ns;

    public string LocalName { get; } = localName;

    public OfficeXmlElement[] Children => _children;

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

}

/// <summary>
/// What a tree of a part keeps: the namespace URIs to hand back as these very strings, the elements whose whole
/// subtree is of no use (not built at all), and the attributes kept (by local name).
/// </summary>
internal sealed record OfficeXmlShape(
    IReadOnlyList<string> KnownNamespaces,
    Func<string, string, bool> Skips,
    Func<string, bool> KeepsAttribute)
{
    /// <summary>Each known URI (and the xml namespace's) by itself, built once rather than for every part read.</summary>
    internal Dictionary<string, string> Known { get; } = OfficeXmlReader.KnownTable(KnownNamespaces);
}

/// <summary>
/// Reads a small Office Open XML part (relationships, styles) into a tree of <see cref="OfficeXmlElement"/>s shaped by
/// an <see cref="OfficeXmlShape"/>. A Word body is read without a tree, straight from <see cref="OfficeXmlReader"/>.
/// </summary>
internal static class OfficeXml
{
    internal const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    /// <summary>Reads a part of <paramref name="length"/> bytes (as its zip entry says) and returns its root element.</summary>
    public static OfficeXmlElement Read(Stream part, long length, OfficeXmlShape shape)
    {
        using var reader = OfficeXmlReader.Open(part, length, shape.Known);
        OfficeXmlElement? root = null;
        // Each open element with its children so far (a list only once it has one: most elements have none); a null
        // element is one of a skipped subtree.
        var open = new List<(OfficeXmlElement? Element, List<OfficeXmlElement>? Children)>();
        var kept = new List<(string Ns, string Name, string Value)>();
        while (reader.Read())
        {
            switch (reader.Node)
            {
                case OfficeXmlNode.StartElement when open.Count > 0 && open[^1].Element is null || shape.Skips(reader.Namespace, reader.LocalName):
                    open.Add((null, null));
                    break;
                case OfficeXmlNode.StartElement:
                    var element = new OfficeXmlElement(reader.Namespace, reader.LocalName);
                    kept.Clear();
                    for (var k = 0; k < reader.AttributeCount; k++)
                    {
                        var (ns, name) = reader.AttributeName(k);
                        if (shape.KeepsAttribute(name)) kept.Add((ns, name, reader.AttributeValue(k)));
                    }
                    if (kept.Count > 0) element.SetAttributes([.. kept]);
                    if (open.Count > 0)
                    {
                        var (parent, children) = open[^1];
                        (children ??= []).Add(element);
                        open[^1] = (parent, children);
                    }
                    root ??= element;
                    open.Add((element, null));
                    break;
                case OfficeXmlNode.EndElement:
                    var (ended, endedChildren) = open[^1];
                    open.RemoveAt(open.Count - 1);
                    if (ended is not null && endedChildren is not null) ended.SetChildren([.. endedChildren]);
                    break;
            }
        }
        return root ?? throw new XmlException("XML 格式错误：没有根元素。");
    }
}

internal enum OfficeXmlNode
{
    StartElement,
    EndElement,
    Text,
}

/// <summary>
/// A forward reader of an Office Open XML part (UTF-8 or UTF-16, no DTD) over its bytes, without an XML DOM: a batch
/// check reads thousands of Word bodies, and building a tree of one took longer than all the rest of its import.
/// Namespaces are resolved from the xmlns declarations in scope; the known namespace URIs come back as the very strings
/// given, so comparing them mostly stops at the reference. Text, entity and character references, CDATA and line ends
/// are read as an XML parser reads them; malformed markup throws an <see cref="XmlException"/>, as the framework's
/// reader does. An empty element is read as its start and its end. The reader can go back to an element it read
/// (<see cref="Mark"/>), for a caller that finds out only inside an element how it wants to read it.
/// </summary>
internal sealed class OfficeXmlReader : IDisposable
{
    /// <summary>A part larger than this is refused rather than read into memory (a Word body is rarely 5 MB).</summary>
    public const int MaxPartBytes = 64 * 1024 * 1024;

    private byte[]? _rented;
    private readonly byte[] _xml;
    private readonly int _length;
    private readonly Dictionary<string, string> _known;
    private int _i;

    /// <summary>This reader among all, for the names it resolved (<see cref="QualifiedName"/>).</summary>
    private readonly long _id = Interlocked.Increment(ref _readers);

    private static long _readers;

    /// <summary>The prefixes declared by the open elements, innermost last.</summary>
    private readonly List<(string Prefix, string Uri, int Depth)> _scope = [];

    /// <summary>Changed whenever <see cref="_scope"/> changes: a name resolved under another scope is resolved again.</summary>
    private int _scopeVersion;

    private readonly List<(int NameStart, int NameLength, string Namespace, string LocalName)> _open = [];
    private readonly List<(int NameStart, int NameLength, int ValueStart, int ValueLength)> _attributes = [];
    private bool _endOfEmpty;
    private bool _sawRoot;
    private int _textStart;
    private int _textLength;
    private bool _cdata;
    private int _nodeStart;

    private OfficeXmlReader(byte[] xml, int start, int length, Dictionary<string, string> known, byte[]? rented)
    {
        _xml = xml;
        _length = start + length;
        _i = start;
        _known = known;
        _rented = rented;
    }

    /// <summary>The table to give <see cref="Open"/> for <paramref name="namespaces"/>.</summary>
    public static Dictionary<string, string> KnownTable(IEnumerable<string> namespaces) =>
        namespaces.Append(OfficeXml.XmlNamespace).Distinct().ToDictionary(n => n, n => n, StringComparer.Ordinal);

    /// <summary>Reads a part of <paramref name="length"/> bytes (as its zip entry says) into memory.</summary>
    public static OfficeXmlReader Open(Stream part, long length, Dictionary<string, string> known)
    {
        if (length > MaxPartBytes) throw new InvalidDataException($"文档的一个部分有 {length / 1024 / 1024} MB，超过可以读取的 {MaxPartBytes / 1024 / 1024} MB。");
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1024));
        var read = 0;
        try
        {
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
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        var bytes = buffer.AsSpan(0, read);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new OfficeXmlReader(buffer, 3, read - 3, known, buffer);
        var utf16 = bytes.Length >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0x3C && bytes[1] == 0);
        var utf16BigEndian = bytes.Length >= 2 && (bytes[0] == 0xFE && bytes[1] == 0xFF || bytes[0] == 0 && bytes[1] == 0x3C);
        if (!utf16 && !utf16BigEndian) return new OfficeXmlReader(buffer, 0, read, known, buffer);
        var text = utf16
            ? Encoding.Unicode.GetString(bytes[0] == 0xFF ? bytes[2..] : bytes)
            : Encoding.BigEndianUnicode.GetString(bytes[0] == 0xFE ? bytes[2..] : bytes);
        ArrayPool<byte>.Shared.Return(buffer);
        var utf8 = Encoding.UTF8.GetBytes(text);
        return new OfficeXmlReader(utf8, 0, utf8.Length, known, null);
    }

    public void Dispose()
    {
        if (_rented is null) return;
        ArrayPool<byte>.Shared.Return(_rented);
        _rented = null;
    }

    public OfficeXmlNode Node { get; private set; } = OfficeXmlNode.Text;

    /// <summary>The namespace URI of the element started or ended.</summary>
    public string Namespace { get; private set; } = "";

    public string LocalName { get; private set; } = "";

    /// <summary>Reads the next node; false at the end of the part (after checking that every element ended).</summary>
    public bool Read()
    {
        if (_endOfEmpty)
        {
            _endOfEmpty = false;
            EndElement();
            return true;
        }
        if (Node == OfficeXmlNode.EndElement) PopElement();
        var xml = _xml.AsSpan(0, _length);
        while (_i < _length)
        {
            _nodeStart = _i;
            if (xml[_i] != (byte)'<')
            {
                var end = xml[_i..].IndexOf((byte)'<');
                var length = end < 0 ? _length - _i : end;
                if (_open.Count == 0)
                {
                    if (!IsWhitespace(xml.Slice(_i, length))) throw Error("根元素之外有文字", _i);
                    _i += length;
                    continue;
                }
                (_textStart, _textLength, _cdata) = (_i, length, false);
                _i += length;
                Node = OfficeXmlNode.Text;
                return true;
            }
            var rest = xml[_i..];
            var second = rest.Length > 1 ? rest[1] : (byte)0;
            if (second is not ((byte)'?' or (byte)'!' or (byte)'/'))
            {
                if (_sawRoot && _open.Count == 0) throw Error("有第二个根元素", _i);
                StartTag(xml);
                return true;
            }
            if (second == (byte)'?')
            {
                _i = After(xml, _i, "?>"u8, "处理指令没有结束");
            }
            else if (rest.StartsWith("<!--"u8))
            {
                _i = After(xml, _i + 4, "-->"u8, "注释没有结束");
            }
            else if (rest.StartsWith("<![CDATA["u8))
            {
                if (_open.Count == 0) throw Error("根元素之外有 CDATA", _i);
                var end = rest.IndexOf("]]>"u8);
                if (end < 0) throw Error("CDATA 没有结束", _i);
                (_textStart, _textLength, _cdata) = (_i + 9, end - 9, true);
                _i += end + 3;
                Node = OfficeXmlNode.Text;
                return true;
            }
            else if (second == (byte)'!')
            {
                throw Error("不接受文档类型定义（DTD）", _i);
            }
            else
            {
                var (start, length) = Name(xml, _i + 2);
                var close = SkipWhitespace(xml, start + length);
                if (close >= _length || xml[close] != (byte)'>') throw Error("结束标记没有结束", _i);
                if (_open.Count == 0 || !xml.Slice(start, length).SequenceEqual(xml.Slice(_open[^1].NameStart, _open[^1].NameLength)))
                {
                    throw Error($"结束标记 {Encoding.UTF8.GetString(xml.Slice(start, length))} 与开始标记不配", _i);
                }
                _i = close + 1;
                EndElement();
                return true;
            }
        }
        if (_open.Count > 0) throw Error($"元素 {Encoding.UTF8.GetString(xml.Slice(_open[^1].NameStart, _open[^1].NameLength))} 没有结束", _length);
        if (!_sawRoot) throw Error("没有根元素", 0);
        Node = OfficeXmlNode.Text;
        (_textStart, _textLength) = (0, 0);
        return false;
    }

    private void EndElement()
    {
        var (_, _, ns, localName) = _open[^1];
        Node = OfficeXmlNode.EndElement;
        Namespace = ns;
        LocalName = localName;
    }

    /// <summary>Closes the element whose end was the last node read.</summary>
    private void PopElement()
    {
        _open.RemoveAt(_open.Count - 1);
        var depth = _open.Count;
        if (_scope.Count == 0 || _scope[^1].Depth < depth) return;
        while (_scope.Count > 0 && _scope[^1].Depth >= depth) _scope.RemoveAt(_scope.Count - 1);
        _scopeVersion++;
    }

    /// <summary>Reads the start tag at the current position.</summary>
    private void StartTag(ReadOnlySpan<byte> xml)
    {
        var at = _i;
        var (nameStart, nameLength) = Name(xml, at + 1);
        _attributes.Clear();
        var i = nameStart + nameLength;
        bool empty;
        var declares = false;
        while (true)
        {
            var next = SkipWhitespace(xml, i);
            if (next >= _length) throw Error("开始标记没有结束", at);
            if (xml[next] == (byte)'>')
            {
                empty = false;
                i = next + 1;
                break;
            }
            if (xml[next] == (byte)'/')
            {
                if (next + 1 >= _length || xml[next + 1] != (byte)'>') throw Error("开始标记没有结束", at);
                empty = true;
                i = next + 2;
                break;
            }
            if (next == i) throw Error("属性之间缺少空白", next);
            var (attributeStart, attributeLength) = Name(xml, next);
            var equals = SkipWhitespace(xml, attributeStart + attributeLength);
            if (equals >= _length || xml[equals] != (byte)'=') throw Error("属性缺少“=”", next);
            var quote = SkipWhitespace(xml, equals + 1);
            if (quote >= _length || xml[quote] is not ((byte)'"' or (byte)'\'')) throw Error("属性值缺少引号", next);
            var close = xml[(quote + 1)..].IndexOfAny(xml[quote], (byte)'<');
            if (close < 0) throw Error("属性值没有结束", next);
            if (xml[quote + 1 + close] == (byte)'<') throw Error("属性值中有“<”", next);
            _attributes.Add((attributeStart, attributeLength, quote + 1, close));
            declares |= IsDeclaration(xml.Slice(attributeStart, attributeLength));
            i = quote + 1 + close + 1;
        }
        var depth = _open.Count;
        if (declares)
        {
            foreach (var (start, length, valueStart, valueLength) in _attributes)
            {
                var name = xml.Slice(start, length);
                if (name.SequenceEqual("xmlns"u8)) _scope.Add(("", Known(DecodeText(xml.Slice(valueStart, valueLength), attribute: true)), depth));
                else if (name.StartsWith("xmlns:"u8)) _scope.Add((Names.Intern(name[6..]).LocalName, Known(DecodeText(xml.Slice(valueStart, valueLength), attribute: true)), depth));
            }
            _scopeVersion++;
        }
        var (ns, localName) = Resolve(xml.Slice(nameStart, nameLength), at);
        _open.Add((nameStart, nameLength, ns, localName));
        _sawRoot = true;
        _i = i;
        _endOfEmpty = empty;
        Node = OfficeXmlNode.StartElement;
        Namespace = ns;
        LocalName = localName;
    }

    private static bool IsDeclaration(ReadOnlySpan<byte> name) =>
        name.Length >= 5 && name[0] == (byte)'x' && name.StartsWith("xmlns"u8) && (name.Length == 5 || name[5] == (byte)':');

    /// <summary>The attributes of the element just started.</summary>
    public int AttributeCount => Node == OfficeXmlNode.StartElement ? _attributes.Count : 0;

    /// <summary>Attribute <paramref name="k"/>'s namespace ("" without a prefix, as for the declarations) and local name.</summary>
    public (string Namespace, string LocalName) AttributeName(int k)
    {
        var (start, length, _, _) = _attributes[k];
        var name = _xml.AsSpan(start, length);
        if (IsDeclaration(name)) return ("", Names.Intern(name).LocalName);
        var qualified = Names.Intern(name);
        return (qualified.Prefix.Length == 0 ? "" : Uri(qualified.Prefix, start), qualified.LocalName);
    }

    /// <summary>
    /// Attribute <paramref name="k"/>'s value; a short one without references or line ends is one string for the
    /// thread, as the few values of a body ("center", "restart", style ids) repeat hundreds of times.
    /// </summary>
    public string AttributeValue(int k)
    {
        var (_, _, start, length) = _attributes[k];
        var raw = _xml.AsSpan(start, length);
        return raw.Length <= 64 && raw.IndexOfAny(ReferenceOrLineEnd) < 0 ? Names.Intern(raw).Qualified : DecodeText(raw, attribute: true);
    }

    /// <summary>The value of the element's attribute; <paramref name="ns"/> is "" for an attribute without a prefix.</summary>
    public string? Attribute(string ns, string localName)
    {
        for (var k = 0; k < AttributeCount; k++)
        {
            var (attributeNs, attributeName) = AttributeName(k);
            if (attributeName == localName && attributeNs == ns) return AttributeValue(k);
        }
        return null;
    }

    private static readonly SearchValues<byte> ReferenceOrLineEnd = SearchValues.Create("&\r\n\t"u8);

    /// <summary>The text of a text node (or CDATA section), references replaced and line ends as XML reads them.</summary>
    public string Text
    {
        get
        {
            if (Node != OfficeXmlNode.Text) return "";
            var raw = _xml.AsSpan(_textStart, _textLength);
            return _cdata ? NormalizeLineEnds(Encoding.UTF8.GetString(raw)) : DecodeText(raw, attribute: false);
        }
    }

    /// <summary>Where the reader can come back to: the start of the element just read.</summary>
    public readonly record struct Position(int At, int Depth);

    /// <summary>The start of the element just read, for <see cref="Reread"/>.</summary>
    public Position Mark() =>
        Node == OfficeXmlNode.StartElement ? new(_nodeStart, _open.Count - 1) : throw new InvalidOperationException("Mark is taken at a start tag.");

    /// <summary>Goes back to <paramref name="position"/>: the next <see cref="Read"/> reads that element's start again.</summary>
    public void Reread(Position position)
    {
        _endOfEmpty = false;
        while (_open.Count > position.Depth) _open.RemoveAt(_open.Count - 1);
        while (_scope.Count > 0 && _scope[^1].Depth >= position.Depth) _scope.RemoveAt(_scope.Count - 1);
        _scopeVersion++;
        _i = position.At;
        // Read as after a text node: nothing is pending.
        Node = OfficeXmlNode.Text;
        (_textStart, _textLength) = (0, 0);
    }

    /// <summary>The namespace and local name of a qualified element name; the namespace is resolved once per scope.</summary>
    private (string Ns, string LocalName) Resolve(ReadOnlySpan<byte> qualified, int at)
    {
        var name = Names.Intern(qualified);
        if (name.ResolvedBy == _id && name.ResolvedIn == _scopeVersion) return (name.Namespace!, name.LocalName);
        var ns = Uri(name.Prefix, at);
        name.ResolvedBy = _id;
        name.ResolvedIn = _scopeVersion;
        name.Namespace = ns;
        return (ns, name.LocalName);
    }

    private string Uri(string prefix, int at)
    {
        if (prefix == "xml") return OfficeXml.XmlNamespace;
        for (var i = _scope.Count - 1; i >= 0; i--)
        {
            if (_scope[i].Prefix == prefix) return _scope[i].Uri;
        }
        if (prefix.Length == 0) return "";
        throw Error($"前缀 {prefix} 没有声明命名空间", at);
    }

    private string Known(string uri) => _known.TryGetValue(uri, out var known) ? known : uri;

    /// <summary>A qualified name (or short value) as read: its string, prefix and local name, and its namespace where last resolved.</summary>
    private sealed class QualifiedName(byte[] utf8, string qualified, string prefix, string localName)
    {
        public byte[] Utf8 { get; } = utf8;

        public string Qualified { get; } = qualified;

        public string Prefix { get; } = prefix;

        public string LocalName { get; } = localName;

        public long ResolvedBy { get; set; }

        public int ResolvedIn { get; set; }

        public string? Namespace { get; set; }
    }

    /// <summary>
    /// The names (and short attribute values) this thread has read, by their bytes: the documents of a batch use the
    /// same few dozen, so they are decoded and split once. A slot another name takes is filled again when needed.
    /// </summary>
    private static class Names
    {
        private const int Slots = 512;

        [ThreadStatic]
        private static QualifiedName?[]? _slots;

        public static QualifiedName Intern(ReadOnlySpan<byte> utf8)
        {
            var slots = _slots ??= new QualifiedName?[Slots];
            // The length and three bytes tell the names of a body apart ("w:rPr" from "w:pPr", "w:tc" from "w:tr").
            var hash = (uint)utf8.Length * 0x9E3779B1u;
            if (!utf8.IsEmpty) hash ^= (uint)(utf8[0] | utf8[utf8.Length / 2] << 8 | utf8[^1] << 16) * 0x85EBCA6Bu;
            ref var slot = ref slots[(hash ^ hash >> 16) & (Slots - 1)];
            if (slot is { } found && utf8.SequenceEqual(found.Utf8)) return found;
            var qualified = Encoding.UTF8.GetString(utf8);
            var colon = qualified.IndexOf(':');
            var name = new QualifiedName(utf8.ToArray(), qualified, colon < 0 ? "" : qualified[..colon], colon < 0 ? qualified : qualified[(colon + 1)..]);
            if (utf8.Length <= 64) slot = name;
            return name;
        }
    }

    /// <summary>1 for the bytes that end a name (whitespace, markup, quotes), 2 for whitespace among them.</summary>
    private static ReadOnlySpan<byte> Delimiters =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        3, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    private (int Start, int Length) Name(ReadOnlySpan<byte> xml, int start)
    {
        // Names are a few bytes: a table lookup per byte beats a vectorized search.
        var delimiters = Delimiters;
        var i = start;
        while (i < xml.Length && delimiters[xml[i]] == 0) i++;
        if (i == start) throw Error("缺少名称", start);
        return (start, i - start);
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> xml, int i)
    {
        var delimiters = Delimiters;
        while (i < xml.Length && delimiters[xml[i]] == 3) i++;
        return i;
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> text) => text.IndexOfAnyExcept(" \t\r\n"u8) < 0;

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
