using System.Globalization;
using System.IO.Compression;
using System.Text;
using InfoDisclosure.Reports.Import.Pdf;

namespace InfoDisclosure.Reports.Tests.Import.Pdf;

/// <summary>
/// Writes small PDFs by hand for the reader's tests: numbered objects, streams plain or Flate-compressed, and either a
/// classic cross-reference table or a cross-reference stream (PNG-predicted rows, as writers compress it) with the
/// dictionaries in an object stream.
/// </summary>
internal sealed class PdfWriter
{
    private readonly SortedDictionary<int, (string Dictionary, byte[]? Stream)> _objects = [];

    public void Add(int number, string dictionary) => _objects[number] = (dictionary, null);

    public void AddStream(int number, string dictionary, string content, bool compress = false) =>
        AddStream(number, dictionary, Encoding.Latin1.GetBytes(content), compress);

    public void AddStream(int number, string dictionary, byte[] content, bool compress = false)
    {
        var bytes = compress ? Deflate(content) : content;
        var entries = dictionary.Trim();
        if (entries.StartsWith("<<", StringComparison.Ordinal)) entries = entries[2..^2];
        _objects[number] = ($"<< {entries} /Length {bytes.Length}{(compress ? " /Filter /FlateDecode" : "")} >>", bytes);
    }

    public static byte[] Deflate(byte[] content)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal)) zlib.Write(content);
        return output.ToArray();
    }

    public byte[] Write(string trailer, bool xrefStream = false)
    {
        var pdf = new MemoryStream();
        void Text(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        Text("%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new Dictionary<int, long>();
        var packed = new Dictionary<int, (int Stream, int Index)>();
        var size = _objects.Keys.Max() + 1;
        if (xrefStream)
        {
            // The dictionaries in one object stream; streams stay where they are.
            var inStream = _objects.Where(o => o.Value.Stream is null).ToList();
            var header = new StringBuilder();
            var body = new StringBuilder();
            foreach (var (number, (dictionary, _)) in inStream)
            {
                packed[number] = (size, packed.Count);
                header.Append(CultureInfo.InvariantCulture, $"{number} {body.Length} ");
                body.Append(dictionary).Append('\n');
            }
            var content = Encoding.Latin1.GetBytes(header + body.ToString());
            var compressed = Deflate(content);
            offsets[size] = pdf.Position;
            Text($"{size} 0 obj\n<< /Type /ObjStm /N {inStream.Count} /First {Encoding.Latin1.GetByteCount(header.ToString())} /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n");
            pdf.Write(compressed);
            Text("\nendstream\nendobj\n");
            size++;
        }
        foreach (var (number, (dictionary, stream)) in _objects)
        {
            if (packed.ContainsKey(number)) continue;
            offsets[number] = pdf.Position;
            Text($"{number} 0 obj\n{dictionary}\n");
            if (stream is not null)
            {
                Text("stream\n");
                pdf.Write(stream);
                Text("\nendstream\n");
            }
            Text("endobj\n");
        }
        var xref = pdf.Position;
        if (!xrefStream)
        {
            Text($"xref\n0 {size}\n0000000000 65535 f \n");
            for (var n = 1; n < size; n++) Text(offsets.TryGetValue(n, out var at) ? $"{at:D10} 00000 n \n" : "0000000000 65535 f \n");
            Text($"trailer\n<< {trailer} /Size {size} >>\nstartxref\n{xref}\n%%EOF\n");
            return pdf.ToArray();
        }
        // Rows of type (1 byte), offset or object stream (4), generation or index (2), each after a PNG "Up" filter byte.
        var rows = new List<byte[]>();
        for (var n = 0; n <= size; n++)
        {
            var row = new byte[7];
            if (n == size)
            {
                row[0] = 1;
                WriteBig(row, 1, 4, xref);
            }
            else if (offsets.TryGetValue(n, out var at))
            {
                row[0] = 1;
                WriteBig(row, 1, 4, at);
            }
            else if (packed.TryGetValue(n, out var p))
            {
                row[0] = 2;
                WriteBig(row, 1, 4, p.Stream);
                WriteBig(row, 5, 2, p.Index);
            }
            rows.Add(row);
        }
        var predicted = new MemoryStream();
        for (var r = 0; r < rows.Count; r++)
        {
            predicted.WriteByte(2);
            for (var i = 0; i < 7; i++) predicted.WriteByte((byte)(rows[r][i] - (r > 0 ? rows[r - 1][i] : 0)));
        }
        var xrefBytes = Deflate(predicted.ToArray());
        Text($"{size} 0 obj\n<< /Type /XRef {trailer} /Size {size + 1} /W [1 4 2] /Length {xrefBytes.Length} /Filter /FlateDecode /DecodeParms << /Columns 7 /Predictor 12 >> >>\nstream\n");
        pdf.Write(xrefBytes);
        Text($"\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>
    /// The PDF with an incremental update (PDF 32000-1, 7.5.6) that writes its first page's content again, encoded
    /// in hex (ASCIIHexDecode): the same page, through a filter our reader does not decode.
    /// </summary>
    public static byte[] WithFirstPageContentInHex(byte[] pdf)
    {
        var file = new PdfFile(pdf);
        var pages = file.Dictionary(file.Dictionary(file.Trailer["Root"])!["Pages"])!;
        var first = file.Dictionary(((List<object?>)file.Resolve(pages["Kids"])!)[0])!;
        var reference = (PdfRef)first["Contents"]!;
        var content = file.Decode((PdfStream)file.Resolve(reference)!);
        var hex = Convert.ToHexString(content) + ">";
        var startxref = pdf.AsSpan().LastIndexOf("startxref"u8);
        var previous = new PdfLexer(pdf, startxref + 9, pdf.Length);
        previous.SkipWhiteSpace();
        var prev = (long)previous.ReadNumber();
        var update = new MemoryStream();
        update.Write(pdf);
        void Text(string s) => update.Write(Encoding.Latin1.GetBytes(s));
        Text("\n");
        var at = update.Position;
        Text($"{reference.Number} {reference.Generation} obj\n<< /Length {hex.Length} /Filter /ASCIIHexDecode >>\nstream\n{hex}\nendstream\nendobj\n");
        var xref = update.Position;
        string Entry(string key) => file.Trailer.GetValueOrDefault(key) is PdfRef r ? $"/{key} {r.Number} {r.Generation} R " : "";
        Text($"xref\n0 1\n0000000000 65535 f \n{reference.Number} 1\n{at:D10} {reference.Generation:D5} n \n");
        Text($"trailer\n<< /Size {(int)(double)file.Trailer["Size"]!} {Entry("Root")}{Entry("Info")}/Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n");
        return update.ToArray();
    }

    private static void WriteBig(byte[] row, int at, int width, long value)
    {
        for (var i = width - 1; i >= 0; i--, value >>= 8) row[at + i] = (byte)value;
    }
}
