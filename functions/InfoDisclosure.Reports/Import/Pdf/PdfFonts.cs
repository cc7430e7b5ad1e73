using System.Text;
using UglyToad.PdfPig.Fonts;
using UglyToad.PdfPig.Tokens;
using PdfPigEncoding = UglyToad.PdfPig.Fonts.Encodings.Encoding;

namespace InfoDisclosure.Reports.Import.Pdf;

/// <summary>
/// What the text layer needs of a font (PDF 32000-1, 9.5–9.10), from its dictionaries only, never its program: how
/// its codes are read, their text (the ToUnicode CMap), their advance widths and a vertical extent for the letters'
/// boxes (the descriptor's FontBBox). Composite fonts with Identity-H and a ToUnicode CMap are read, and simple
/// TrueType, Type 1 and Type 3 fonts with a ToUnicode CMap or an encoding PdfPig reads from the dictionary alone (a
/// standard one, or one with a base encoding and differences), whose glyph names give the text by the Adobe Glyph
/// List as PdfPig gives it; others are not supported.
/// </summary>
internal sealed class PdfFont
{
    private readonly bool _twoByte;
    private readonly PdfToUnicode? _toUnicode;
    private Lazy<PdfPigEncoding?>? _encoding;
    private Dictionary<int, double>? _cidWidths;
    private double _defaultWidth;
    private double[] _widths = [];
    private int _firstChar;
    private double _scale;
    private double _offset;
    private readonly string?[] _oneByteText = new string?[256];

    private PdfFont(bool twoByte, PdfToUnicode? toUnicode, double descent, double ascent)
    {
        _twoByte = twoByte;
        _toUnicode = toUnicode;
        Descent = descent;
        Ascent = ascent;
    }

    /// <summary>The bottom and top of the font's glyphs in text space (a share of the font size).</summary>
    public double Descent { get; }

    public double Ascent { get; }

    public static PdfFont Load(PdfFile file, Dictionary<string, object?> font)
    {
        var subtype = (file.Resolve(font.GetValueOrDefault("Subtype")) as PdfName)?.Value;
        var toUnicode = file.Resolve(font.GetValueOrDefault("ToUnicode")) is PdfStream stream ? PdfToUnicode.Parse(file.Decode(stream)) : null;
        // The encoding is only needed for codes ToUnicode leaves out: read then.
        var encoding = subtype is "Type0" ? null : new Lazy<PdfPigEncoding?>(() => Encoding(file, font, subtype), LazyThreadSafetyMode.None);
        if (toUnicode is null && encoding?.Value is null) throw new PdfNotSupportedException($"PDF font without ToUnicode or an encoding read from its dictionary ({subtype})");
        switch (subtype)
        {
            case "Type0":
            {
                if (toUnicode is null) throw new PdfNotSupportedException("PDF composite font without ToUnicode");
                if (file.Resolve(font.GetValueOrDefault("Encoding")) is not PdfName { Value: "Identity-H" }) throw new PdfNotSupportedException("PDF composite font not in Identity-H");
                var descendants = file.Resolve(font.GetValueOrDefault("DescendantFonts")) as List<object?>;
                var cidFont = descendants is { Count: 1 } ? file.Dictionary(descendants[0]) : null;
                if (cidFont is null) throw PdfLexer.Malformed("DescendantFonts");
                var (descent, ascent) = Extent(file, file.Dictionary(cidFont.GetValueOrDefault("FontDescriptor")));
                var loaded = new PdfFont(true, toUnicode, descent, ascent)
                {
                    _cidWidths = CidWidths(file, file.Resolve(cidFont.GetValueOrDefault("W")) as List<object?>),
                    _defaultWidth = file.Resolve(cidFont.GetValueOrDefault("DW")) as double? ?? 1000,
                    _scale = 0.001,
                };
                return loaded;
            }
            case "TrueType" or "Type1" or "MMType1":
            {
                var descriptor = file.Dictionary(font.GetValueOrDefault("FontDescriptor"));
                var (descent, ascent) = Extent(file, descriptor);
                return new PdfFont(false, toUnicode, descent, ascent)
                {
                    _encoding = encoding,
                    _widths = Widths(file, font),
                    _firstChar = (int)(file.Resolve(font.GetValueOrDefault("FirstChar")) as double? ?? 0),
                    _defaultWidth = file.Resolve(descriptor?.GetValueOrDefault("MissingWidth")) as double? ?? 0,
                    _scale = 0.001,
                };
            }
            case "Type3":
            {
                var matrix = file.Resolve(font.GetValueOrDefault("FontMatrix")) as List<object?>;
                var m = matrix?.Select(o => file.Resolve(o) as double? ?? 0).ToArray() ?? [];
                if (m.Length != 6 || m[1] != 0 || m[2] != 0) throw new PdfNotSupportedException("PDF Type 3 font matrix that skews");
                var box = file.Resolve(font.GetValueOrDefault("FontBBox")) is List<object?> { Count: 4 } bbox ? bbox.Select(o => file.Resolve(o) as double? ?? 0).ToArray() : [0, 0, 0, 0];
                var (y1, y2) = (m[3] * box[1] + m[5], m[3] * box[3] + m[5]);
                var widths = Widths(file, font);
                return new PdfFont(false, toUnicode, Math.Min(y1, y2), Math.Max(y1, y2))
                {
                    _encoding = encoding,
                    _widths = widths,
                    _firstChar = (int)(file.Resolve(font.GetValueOrDefault("FirstChar")) as double? ?? 0),
                    // A code outside the widths is as wide as the font's box (as PdfPig takes it).
                    _defaultWidth = Math.Abs(box[2] - box[0]),
                    _scale = m[0],
                    _offset = m[4],
                };
            }
            default:
                throw new PdfNotSupportedException($"PDF font type {subtype}");
        }
    }

    /// <summary>
    /// A simple font's /Encoding as PdfPig reads it when it needs nothing of the font's program: a standard encoding's
    /// name, or a dictionary with differences on a named base encoding (on the standard encoding for TrueType and Type 3
    /// fonts, as PdfPig takes it; a Type 1 font's own encoding is in its program). Null without one.
    /// </summary>
    private static PdfPigEncoding? Encoding(PdfFile file, Dictionary<string, object?> font, string? subtype)
    {
        var value = file.Resolve(font.GetValueOrDefault("Encoding"));
        if (value is null) return null;
        if (value is PdfName name)
        {
            return PdfPigEncoding.TryGetNamedEncoding(NameToken.Create(name.Value), out var named) && named is not null ? named
                : throw new PdfNotSupportedException($"PDF font encoding {name.Value}");
        }
        if (file.Dictionary(value) is not { } dictionary) throw PdfLexer.Malformed("/Encoding");
        PdfPigEncoding? baseEncoding;
        if (file.Resolve(dictionary.GetValueOrDefault("BaseEncoding")) is PdfName baseName)
        {
            if (!PdfPigEncoding.TryGetNamedEncoding(NameToken.Create(baseName.Value), out baseEncoding) || baseEncoding is null) throw new PdfNotSupportedException($"PDF base encoding {baseName.Value}");
        }
        else if (subtype is "TrueType" or "Type3") baseEncoding = UglyToad.PdfPig.Fonts.Encodings.StandardEncoding.Instance;
        else throw new PdfNotSupportedException("PDF Type 1 font differences on its own encoding");
        if (file.Resolve(dictionary.GetValueOrDefault("Differences")) is not List<object?> entries) return baseEncoding;
        var differences = new List<(int, string)>();
        var code = -1;
        foreach (var entry in entries)
        {
            switch (file.Resolve(entry))
            {
                case double number:
                    code = (int)number;
                    break;
                case PdfName glyph:
                    differences.Add((code++, glyph.Value));
                    break;
                default:
                    throw PdfLexer.Malformed("/Differences");
            }
        }
        return new UglyToad.PdfPig.Fonts.Encodings.DifferenceBasedEncoding(baseEncoding, differences);
    }

    private static double[] Widths(PdfFile file, Dictionary<string, object?> font) =>
        file.Resolve(font.GetValueOrDefault("Widths")) is List<object?> widths
            ? widths.Select(o => file.Resolve(o) as double? ?? 0).ToArray()
            : throw new PdfNotSupportedException("PDF simple font without /Widths");

    /// <summary>The descriptor's FontBBox bottom and top, else its Descent and Ascent, else a usual extent.</summary>
    private static (double Descent, double Ascent) Extent(PdfFile file, Dictionary<string, object?>? descriptor)
    {
        if (descriptor is not null && file.Resolve(descriptor.GetValueOrDefault("FontBBox")) is List<object?> { Count: 4 } box)
        {
            var (bottom, top) = (file.Resolve(box[1]) as double? ?? 0, file.Resolve(box[3]) as double? ?? 0);
            if (top > bottom) return (bottom / 1000, top / 1000);
        }
        if (descriptor is not null && file.Resolve(descriptor.GetValueOrDefault("Ascent")) is double ascent && ascent > 0)
        {
            return ((file.Resolve(descriptor.GetValueOrDefault("Descent")) as double? ?? 0) / 1000, ascent / 1000);
        }
        return (-0.2, 0.8);
    }

    /// <summary>A CIDFont's W array (PDF 32000-1, 9.7.4.3): "c [w1 w2 ...]" and "c1 c2 w".</summary>
    private static Dictionary<int, double> CidWidths(PdfFile file, List<object?>? array)
    {
        var widths = new Dictionary<int, double>();
        if (array is null) return widths;
        for (var i = 0; i + 1 < array.Count;)
        {
            var first = (int)(file.Resolve(array[i]) as double? ?? 0);
            if (file.Resolve(array[i + 1]) is List<object?> list)
            {
                for (var k = 0; k < list.Count; k++) widths[first + k] = file.Resolve(list[k]) as double? ?? 0;
                i += 2;
            }
            else
            {
                if (i + 2 >= array.Count) break;
                var last = (int)(file.Resolve(array[i + 1]) as double? ?? 0);
                var width = file.Resolve(array[i + 2]) as double? ?? 0;
                for (var c = first; c <= last && c - first < 65536; c++) widths[c] = width;
                i += 3;
            }
        }
        return widths;
    }

    /// <summary>The next code of a string shown in this font, and its length in bytes.</summary>
    public int ReadCode(byte[] text, ref int at, out int length)
    {
        if (_twoByte && at + 1 < text.Length)
        {
            length = 2;
            var code = text[at] << 8 | text[at + 1];
            at += 2;
            return code;
        }
        length = 1;
        return text[at++];
    }

    /// <summary>A code's text; the code as a character when the font maps it to none (as PdfPig does).</summary>
    public string Text(int code)
    {
        if (code < 256 && _oneByteText[code] is { } cached) return cached;
        var text = _toUnicode is not null && _toUnicode.TryGet(code, out var mapped) ? mapped : FromEncoding(code) ?? ((char)code).ToString();
        if (code < 256) _oneByteText[code] = text;
        return text;
    }

    /// <summary>A simple font's code's text by its glyph name, as PdfPig reads it (the Adobe Glyph List); null for none.</summary>
    private string? FromEncoding(int code)
    {
        if (_encoding?.Value is not { } encoding) return null;
        try
        {
            return GlyphList.AdobeGlyphList.NameToUnicode(encoding.GetName(code));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>A code's advance in text space (a share of the font size).</summary>
    public double Width(int code)
    {
        if (_cidWidths is not null) return (_cidWidths.TryGetValue(code, out var w) ? w : _defaultWidth) * _scale;
        var index = code - _firstChar;
        var width = index >= 0 && index < _widths.Length ? _widths[index] : _defaultWidth;
        return _scale * width + _offset;
    }
}

/// <summary>A ToUnicode CMap (PDF 32000-1, 9.10.3): its bfchar and bfrange mappings.</summary>
internal sealed class PdfToUnicode
{
    private readonly Dictionary<int, string> _chars = [];
    private readonly List<(int Low, int High, byte[]? Start, List<object?>? Array)> _ranges = [];

    public static PdfToUnicode Parse(byte[] cmap)
    {
        var map = new PdfToUnicode();
        var lexer = new PdfLexer(cmap);
        var operands = new List<object?>();
        while (lexer.SkipWhiteSpace())
        {
            var value = lexer.ReadObject(references: false);
            if (value is not PdfKeyword keyword)
            {
                operands.Add(value);
                continue;
            }
            switch (keyword.Value)
            {
                case "endbfchar":
                    for (var i = 0; i + 1 < operands.Count; i += 2)
                    {
                        if (operands[i] is byte[] source && operands[i + 1] is byte[] target) map._chars[Code(source)] = Decode(target);
                    }
                    break;
                case "endbfrange":
                    for (var i = 0; i + 2 < operands.Count; i += 3)
                    {
                        if (operands[i] is not byte[] low || operands[i + 1] is not byte[] high) continue;
                        map._ranges.Add((Code(low), Code(high), operands[i + 2] as byte[], operands[i + 2] as List<object?>));
                    }
                    break;
            }
            operands.Clear();
        }
        return map;
    }

    private static int Code(byte[] bytes)
    {
        var code = 0;
        foreach (var b in bytes) code = code << 8 | b;
        return code;
    }

    private static string Decode(byte[] bytes) =>
        bytes.Length == 1 ? ((char)bytes[0]).ToString() : Encoding.BigEndianUnicode.GetString(bytes, 0, bytes.Length & ~1);

    public bool TryGet(int code, out string text)
    {
        if (_chars.TryGetValue(code, out text!)) return true;
        for (var i = _ranges.Count - 1; i >= 0; i--)
        {
            var (low, high, start, array) = _ranges[i];
            if (code < low || code > high) continue;
            if (array is not null)
            {
                if (code - low < array.Count && array[code - low] is byte[] target)
                {
                    text = Decode(target);
                    return true;
                }
                continue;
            }
            // The range's first text, its last byte counted on.
            var bytes = (byte[])start!.Clone();
            var last = bytes[^1] + (code - low);
            bytes[^1] = (byte)last;
            if (bytes.Length >= 2) bytes[^2] = (byte)(bytes[^2] + (last >> 8));
            text = Decode(bytes);
            return true;
        }
        text = "";
        return false;
    }
}
