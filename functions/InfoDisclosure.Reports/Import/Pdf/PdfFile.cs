using System.IO.Compression;

namespace InfoDisclosure.Reports.Import.Pdf;

/// <summary>
/// A PDF file's objects (PDF 32000-1, 7.5): found through its cross-reference tables or streams (the trailer's
/// /Prev chain, object streams), parsed when asked for. Streams are decoded with FlateDecode (PNG predictors
/// included) or none; anything else, encryption or a cross-reference that does not hold is not supported.
/// </summary>
internal sealed class PdfFile
{
    private readonly byte[] _data;
    private readonly Dictionary<int, long> _offsets = [];
    private readonly Dictionary<int, (int Stream, int Index)> _compressed = [];
    private readonly Dictionary<int, object?> _objects = [];
    private readonly Dictionary<int, (byte[] Data, int[] Offsets, int First)> _objectStreams = [];

    public PdfFile(byte[] data)
    {
        _data = data;
        if (data.Length < 8 || !data.AsSpan(0, Math.Min(data.Length, 1024)).StartsWith("%PDF-"u8) && data.AsSpan(0, Math.Min(data.Length, 1024)).IndexOf("%PDF-"u8) < 0)
        {
            throw PdfLexer.Malformed("no %PDF header");
        }
        var startxref = data.AsSpan(Math.Max(0, data.Length - 1024)).LastIndexOf("startxref"u8);
        if (startxref < 0) throw PdfLexer.Malformed("no startxref");
        var lexer = new PdfLexer(data, Math.Max(0, data.Length - 1024) + startxref + 9, data.Length);
        lexer.SkipWhiteSpace();
        var offset = (long)lexer.ReadNumber();
        var seen = new HashSet<long>();
        Dictionary<string, object?>? trailer = null;
        while (offset > 0 && seen.Add(offset))
        {
            if (offset >= data.Length) throw PdfLexer.Malformed("startxref past the end");
            var section = ReadSection((int)offset);
            trailer ??= section;
            if (section.TryGetValue("XRefStm", out var stm) && stm is double hybrid && seen.Add((long)hybrid)) ReadSection((int)hybrid);
            offset = section.TryGetValue("Prev", out var prev) && prev is double p ? (long)p : 0;
        }
        Trailer = trailer ?? throw PdfLexer.Malformed("no trailer");
        if (Trailer.ContainsKey("Encrypt")) throw new PdfNotSupportedException("PDF is encrypted");
    }

    public Dictionary<string, object?> Trailer { get; }

    /// <summary>A cross-reference section at an offset, its entries added where a later section has not set them; its trailer.</summary>
    private Dictionary<string, object?> ReadSection(int offset)
    {
        var lexer = new PdfLexer(_data, offset, _data.Length);
        lexer.SkipWhiteSpace();
        if (_data.AsSpan(lexer.Position).StartsWith("xref"u8))
        {
            lexer.Position += 4;
            while (true)
            {
                lexer.SkipWhiteSpace();
                if (_data.AsSpan(lexer.Position).StartsWith("trailer"u8))
                {
                    lexer.Position += 7;
                    lexer.SkipWhiteSpace();
                    return lexer.ReadDictionary();
                }
                var first = (int)lexer.ReadNumber();
                lexer.SkipWhiteSpace();
                var count = (int)lexer.ReadNumber();
                for (var i = 0; i < count; i++)
                {
                    lexer.SkipWhiteSpace();
                    var entryOffset = (long)lexer.ReadNumber();
                    lexer.SkipWhiteSpace();
                    lexer.ReadNumber();
                    lexer.SkipWhiteSpace();
                    var kind = lexer.ReadKeyword();
                    if (kind == "n" && entryOffset > 0) _offsets.TryAdd(first + i, entryOffset);
                    else if (kind == "f") _offsets.TryAdd(first + i, 0);
                }
            }
        }
        // A cross-reference stream: "n g obj << /Type /XRef ... >> stream".
        if (ReadIndirect(offset) is not PdfStream { } stream || stream.Dictionary.GetValueOrDefault("Type") is not PdfName { Value: "XRef" }) throw PdfLexer.Malformed("cross-reference");
        var widths = Numbers(stream.Dictionary, "W");
        if (widths.Length != 3) throw PdfLexer.Malformed("cross-reference /W");
        var size = (int)(stream.Dictionary.GetValueOrDefault("Size") as double? ?? 0);
        var index = stream.Dictionary.ContainsKey("Index") ? Numbers(stream.Dictionary, "Index") : [0, size];
        var bytes = Decode(stream);
        var (w0, w1, w2) = ((int)widths[0], (int)widths[1], (int)widths[2]);
        var row = w0 + w1 + w2;
        var at = 0;
        for (var s = 0; s + 1 < index.Length; s += 2)
        {
            for (var n = 0; n < (int)index[s + 1]; n++, at += row)
            {
                if (at + row > bytes.Length) throw PdfLexer.Malformed("cross-reference stream too short");
                var type = w0 == 0 ? 1 : Field(bytes, at, w0);
                var field2 = Field(bytes, at + w0, w1);
                var field3 = Field(bytes, at + w0 + w1, w2);
                var number = (int)index[s] + n;
                if (_offsets.ContainsKey(number) || _compressed.ContainsKey(number)) continue;
                if (type == 1) _offsets[number] = field2;
                else if (type == 2) _compressed[number] = ((int)field2, (int)field3);
                else _offsets[number] = 0;
            }
        }
        return stream.Dictionary;
    }

    private static long Field(byte[] bytes, int at, int width)
    {
        long value = 0;
        for (var i = 0; i < width; i++) value = value << 8 | bytes[at + i];
        return value;
    }

    private double[] Numbers(Dictionary<string, object?> dictionary, string key) =>
        Resolve(dictionary.GetValueOrDefault(key)) is List<object?> list ? list.Select(o => Resolve(o) as double? ?? throw PdfLexer.Malformed($"/{key}")).ToArray() : [];

    /// <summary>An indirect object at a file offset: "n g obj ... endobj", a stream with its bytes.</summary>
    private object? ReadIndirect(long offset)
    {
        var lexer = new PdfLexer(_data, (int)offset, _data.Length);
        lexer.SkipWhiteSpace();
        lexer.ReadNumber();
        lexer.SkipWhiteSpace();
        lexer.ReadNumber();
        lexer.SkipWhiteSpace();
        if (lexer.ReadKeyword() != "obj") throw PdfLexer.Malformed($"no object at offset {offset}");
        var value = lexer.ReadObject();
        if (value is not Dictionary<string, object?> dictionary) return value;
        var save = lexer.Position;
        if (!lexer.SkipWhiteSpace() || !_data.AsSpan(lexer.Position).StartsWith("stream"u8))
        {
            lexer.Position = save;
            return value;
        }
        var start = lexer.Position + 6;
        if (start < _data.Length && _data[start] == 13) start++;
        if (start < _data.Length && _data[start] == 10) start++;
        var length = Resolve(dictionary.GetValueOrDefault("Length")) as double? ?? throw PdfLexer.Malformed("stream without /Length");
        if (start + (long)length > _data.Length) throw PdfLexer.Malformed("stream past the end");
        // A /Length that does not end at "endstream" is wrong: PdfPig searches for the end, this reader does not.
        var after = new PdfLexer(_data, start + (int)length, _data.Length);
        if (!after.SkipWhiteSpace() || !_data.AsSpan(after.Position).StartsWith("endstream"u8)) throw PdfLexer.Malformed("stream /Length");
        return new PdfStream(dictionary, _data, start, (int)length);
    }

    /// <summary>The object a reference points to (itself when it is no reference); null for a missing object.</summary>
    public object? Resolve(object? value)
    {
        for (var depth = 0; value is PdfRef reference; depth++)
        {
            if (depth > 32) throw PdfLexer.Malformed("reference loop");
            value = Get(reference.Number);
        }
        return value;
    }

    public Dictionary<string, object?>? Dictionary(object? value) => Resolve(value) switch
    {
        Dictionary<string, object?> dictionary => dictionary,
        PdfStream stream => stream.Dictionary,
        _ => null,
    };

    private object? Get(int number)
    {
        if (_objects.TryGetValue(number, out var cached)) return cached;
        _objects[number] = null;
        object? value;
        if (_offsets.TryGetValue(number, out var offset)) value = offset > 0 ? ReadIndirect(offset) : null;
        else if (_compressed.TryGetValue(number, out var inStream)) value = ReadCompressed(inStream.Stream, inStream.Index);
        else value = null;
        _objects[number] = value;
        return value;
    }

    private object? ReadCompressed(int streamNumber, int index)
    {
        if (!_objectStreams.TryGetValue(streamNumber, out var objectStream))
        {
            if (Get(streamNumber) is not PdfStream stream) throw PdfLexer.Malformed("object stream");
            var bytes = Decode(stream);
            var count = (int)(Resolve(stream.Dictionary.GetValueOrDefault("N")) as double? ?? 0);
            var first = (int)(Resolve(stream.Dictionary.GetValueOrDefault("First")) as double? ?? 0);
            var header = new PdfLexer(bytes, 0, Math.Min(first, bytes.Length));
            var offsets = new int[count];
            for (var i = 0; i < count; i++)
            {
                header.SkipWhiteSpace();
                header.ReadNumber();
                header.SkipWhiteSpace();
                offsets[i] = (int)header.ReadNumber();
            }
            _objectStreams[streamNumber] = objectStream = (bytes, offsets, first);
        }
        if (index >= objectStream.Offsets.Length) throw PdfLexer.Malformed("object stream index");
        return new PdfLexer(objectStream.Data, objectStream.First + objectStream.Offsets[index], objectStream.Data.Length).ReadObject();
    }

    /// <summary>A stream's decoded bytes.</summary>
    public byte[] Decode(PdfStream stream)
    {
        var filter = Resolve(stream.Dictionary.GetValueOrDefault("Filter"));
        var parameters = Resolve(stream.Dictionary.GetValueOrDefault("DecodeParms"));
        if (filter is List<object?> filters)
        {
            if (filters.Count > 1) throw new PdfNotSupportedException("PDF stream with more than one filter");
            filter = filters.Count == 1 ? Resolve(filters[0]) : null;
            if (parameters is List<object?> list) parameters = list.Count > 0 ? Resolve(list[0]) : null;
        }
        var raw = stream.Data.AsSpan(stream.Start, stream.Length);
        switch (filter)
        {
            case null:
                return raw.ToArray();
            case PdfName { Value: "FlateDecode" or "Fl" }:
                var inflated = Inflate(stream);
                return parameters is Dictionary<string, object?> decodeParameters ? Unpredict(inflated, decodeParameters) : inflated;
            default:
                throw new PdfNotSupportedException($"PDF stream filter {(filter as PdfName)?.Value ?? "?"}");
        }
    }

    /// <summary>A stream that inflates to more than this is refused: a few kilobytes can inflate to gigabytes.</summary>
    public const int MaxInflatedBytes = 64 * 1024 * 1024;

    private static byte[] Inflate(PdfStream stream)
    {
        using var input = new MemoryStream(stream.Data, stream.Start, stream.Length, writable: false);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(Math.Min(stream.Length * 4, MaxInflatedBytes));
        var buffer = new byte[81920];
        while (true)
        {
            int read;
            try
            {
                read = zlib.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new PdfNotSupportedException($"PDF stream not inflated: {ex.Message}");
            }
            if (read == 0) return output.ToArray();
            if (output.Length + read > MaxInflatedBytes)
            {
                throw new InvalidDataException($"不是可以读取的 PDF 文件：其中一个数据流解压后超过 {MaxInflatedBytes / 1024 / 1024} MB。");
            }
            output.Write(buffer, 0, read);
        }
    }

    /// <summary>Undoes a PNG predictor (PDF 32000-1, 7.4.4.4); a TIFF predictor is not supported.</summary>
    private byte[] Unpredict(byte[] data, Dictionary<string, object?> parameters)
    {
        var predictor = (int)(Resolve(parameters.GetValueOrDefault("Predictor")) as double? ?? 1);
        if (predictor == 1) return data;
        if (predictor < 10) throw new PdfNotSupportedException($"PDF predictor {predictor}");
        var colors = (int)(Resolve(parameters.GetValueOrDefault("Colors")) as double? ?? 1);
        var bits = (int)(Resolve(parameters.GetValueOrDefault("BitsPerComponent")) as double? ?? 8);
        var columns = (int)(Resolve(parameters.GetValueOrDefault("Columns")) as double? ?? 1);
        var pixel = Math.Max(1, colors * bits / 8);
        var rowLength = (columns * colors * bits + 7) / 8;
        var rows = data.Length / (rowLength + 1);
        var output = new byte[rows * rowLength];
        for (var r = 0; r < rows; r++)
        {
            var type = data[r * (rowLength + 1)];
            var input = r * (rowLength + 1) + 1;
            var at = r * rowLength;
            for (var i = 0; i < rowLength; i++)
            {
                var left = i >= pixel ? output[at + i - pixel] : 0;
                var up = r > 0 ? output[at + i - rowLength] : 0;
                var upLeft = r > 0 && i >= pixel ? output[at + i - rowLength - pixel] : 0;
                var x = data[input + i];
                output[at + i] = type switch
                {
                    0 => x,
                    1 => (byte)(x + left),
                    2 => (byte)(x + up),
                    3 => (byte)(x + (left + up) / 2),
                    4 => (byte)(x + Paeth(left, up, upLeft)),
                    _ => throw PdfLexer.Malformed($"PNG predictor row type {type}"),
                };
            }
        }
        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
