using System.Text;

namespace InfoDisclosure.Reports.Import.Pdf;

/// <summary>A PDF name, without its slash.</summary>
internal sealed record PdfName(string Value);

internal readonly record struct PdfRef(int Number, int Generation);

/// <summary>A stream: its dictionary and where its raw bytes are in <see cref="Data"/>.</summary>
internal sealed record PdfStream(Dictionary<string, object?> Dictionary, byte[] Data, int Start, int Length);

/// <summary>A keyword of a content stream (an operator) or of the file structure (obj, stream, R...).</summary>
internal sealed record PdfKeyword(string Value);

/// <summary>
/// Reads PDF objects (PDF 32000-1, 7.3): numbers as double, names, strings as their bytes, arrays as lists,
/// dictionaries keyed by name, references and keywords.
/// </summary>
internal sealed class PdfLexer(byte[] data, int position, int end)
{
    private static readonly double[] Tens = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18];

    public PdfLexer(byte[] data) : this(data, 0, data.Length)
    {
    }

    public byte[] Data => data;

    public int Position
    {
        get => position;
        set => position = value;
    }

    public int End => end;

    public static bool IsWhiteSpace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public static PdfNotSupportedException Malformed(string what) => new($"PDF not understood: {what}");

    /// <summary>Skips white space and comments; false at the end.</summary>
    public bool SkipWhiteSpace()
    {
        while (position < end)
        {
            var b = data[position];
            if (IsWhiteSpace(b)) position++;
            else if (b == '%')
            {
                while (position < end && data[position] is not (10 or 13)) position++;
            }
            else return true;
        }
        return false;
    }

    /// <summary>The next object; references ("n g R") only when <paramref name="references"/>.</summary>
    public object? ReadObject(bool references = true)
    {
        if (!SkipWhiteSpace()) throw Malformed("unexpected end of data");
        var b = data[position];
        switch (b)
        {
            case (byte)'/':
                return ReadName();
            case (byte)'(':
                return ReadLiteralString();
            case (byte)'[':
            {
                position++;
                var list = new List<object?>();
                while (true)
                {
                    if (!SkipWhiteSpace()) throw Malformed("unterminated array");
                    if (data[position] == ']')
                    {
                        position++;
                        return list;
                    }
                    list.Add(ReadObject(references));
                }
            }
            case (byte)'<':
                if (position + 1 < end && data[position + 1] == '<') return ReadDictionary(references);
                return ReadHexString();
            default:
                if (b is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.')
                {
                    var number = ReadNumber();
                    if (references && IsNonNegativeInteger(number))
                    {
                        var save = position;
                        if (SkipWhiteSpace() && data[position] is >= (byte)'0' and <= (byte)'9')
                        {
                            var generation = ReadNumber();
                            if (SkipWhiteSpace() && data[position] == 'R' && (position + 1 == end || IsWhiteSpace(data[position + 1]) || IsDelimiter(data[position + 1])))
                            {
                                position++;
                                return new PdfRef((int)number, (int)generation);
                            }
                        }
                        position = save;
                    }
                    return number;
                }
                var keyword = ReadKeyword();
                return keyword switch
                {
                    "true" => true,
                    "false" => false,
                    "null" => null,
                    _ => new PdfKeyword(keyword),
                };
        }
    }

    private static bool IsNonNegativeInteger(double d) => d >= 0 && d == Math.Floor(d) && d < int.MaxValue;

    public Dictionary<string, object?> ReadDictionary(bool references = true)
    {
        position += 2;
        var dictionary = new Dictionary<string, object?>();
        while (true)
        {
            if (!SkipWhiteSpace()) throw Malformed("unterminated dictionary");
            if (data[position] == '>')
            {
                if (position + 1 >= end || data[position + 1] != '>') throw Malformed("dictionary end");
                position += 2;
                return dictionary;
            }
            if (data[position] != '/') throw Malformed("dictionary key");
            var key = ReadName().Value;
            dictionary[key] = ReadObject(references);
        }
    }

    public PdfName ReadName()
    {
        position++;
        var start = position;
        var escaped = false;
        while (position < end && !IsWhiteSpace(data[position]) && !IsDelimiter(data[position]))
        {
            escaped |= data[position] == '#';
            position++;
        }
        if (!escaped) return new PdfName(Encoding.Latin1.GetString(data, start, position - start));
        var bytes = new List<byte>();
        for (var i = start; i < position; i++)
        {
            if (data[i] == '#' && i + 2 < position && HexValue(data[i + 1]) >= 0 && HexValue(data[i + 2]) >= 0)
            {
                bytes.Add((byte)(HexValue(data[i + 1]) * 16 + HexValue(data[i + 2])));
                i += 2;
            }
            else bytes.Add(data[i]);
        }
        return new PdfName(Encoding.UTF8.GetString(bytes.ToArray()));
    }

    public string ReadKeyword()
    {
        var start = position;
        while (position < end && !IsWhiteSpace(data[position]) && !IsDelimiter(data[position])) position++;
        if (position == start) throw Malformed($"unexpected '{(char)data[position]}'");
        return Encoding.Latin1.GetString(data, start, position - start);
    }

    /// <summary>A number, read exactly as double.Parse would round it for up to 18 digits.</summary>
    public double ReadNumber()
    {
        var negative = false;
        if (data[position] is (byte)'-' or (byte)'+')
        {
            negative = data[position] == '-';
            position++;
            // A doubled sign ("--5"), as some writers emit.
            while (position < end && data[position] is (byte)'-' or (byte)'+') position++;
        }
        long mantissa = 0;
        var digits = 0;
        var scale = 0;
        var seenPoint = false;
        var start = position;
        while (position < end)
        {
            var b = data[position];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                if (digits < 18 && scale < 18)
                {
                    mantissa = mantissa * 10 + (b - '0');
                    if (mantissa != 0) digits++;
                    if (seenPoint) scale++;
                }
                else if (!seenPoint) return Slow(start, negative);
                position++;
            }
            else if (b == '.' && !seenPoint)
            {
                seenPoint = true;
                position++;
            }
            else break;
        }
        var value = mantissa / Tens[scale];
        return negative ? -value : value;
    }

    private double Slow(int start, bool negative)
    {
        while (position < end && data[position] is (>= (byte)'0' and <= (byte)'9') or (byte)'.') position++;
        var value = double.Parse(Encoding.ASCII.GetString(data, start, position - start), System.Globalization.CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    public byte[] ReadLiteralString()
    {
        position++;
        var bytes = new List<byte>();
        var depth = 1;
        while (true)
        {
            if (position >= end) throw Malformed("unterminated string");
            var b = data[position++];
            if (b == '\\')
            {
                if (position >= end) throw Malformed("unterminated string");
                var e = data[position++];
                switch (e)
                {
                    case (byte)'n': bytes.Add(10); break;
                    case (byte)'r': bytes.Add(13); break;
                    case (byte)'t': bytes.Add(9); break;
                    case (byte)'b': bytes.Add(8); break;
                    case (byte)'f': bytes.Add(12); break;
                    case 13:
                        if (position < end && data[position] == 10) position++;
                        break;
                    case 10:
                        break;
                    default:
                        if (e is >= (byte)'0' and <= (byte)'7')
                        {
                            var value = e - '0';
                            for (var k = 0; k < 2 && position < end && data[position] is >= (byte)'0' and <= (byte)'7'; k++) value = value * 8 + (data[position++] - '0');
                            bytes.Add((byte)value);
                        }
                        else bytes.Add(e);
                        break;
                }
            }
            else if (b == '(')
            {
                depth++;
                bytes.Add(b);
            }
            else if (b == ')')
            {
                if (--depth == 0) return bytes.ToArray();
                bytes.Add(b);
            }
            else bytes.Add(b);
        }
    }

    public byte[] ReadHexString()
    {
        position++;
        var bytes = new List<byte>();
        var high = -1;
        while (true)
        {
            if (position >= end) throw Malformed("unterminated hex string");
            var b = data[position++];
            if (b == '>') break;
            var v = HexValue(b);
            if (v < 0) continue;
            if (high < 0) high = v;
            else
            {
                bytes.Add((byte)(high * 16 + v));
                high = -1;
            }
        }
        if (high >= 0) bytes.Add((byte)(high * 16));
        return bytes.ToArray();
    }

    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>A text string (PDF 32000-1, 7.9.2.2): UTF-16BE after its byte order mark, else PDFDocEncoding (read as Latin-1).</summary>
    public static string TextString(byte[] bytes) =>
        bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2)
        : bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)
        : Encoding.Latin1.GetString(bytes);
}
