using System.Text;
using System.Text.RegularExpressions;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// The text of a page as bytes, decoded as a browser would: a byte-order mark first, then the charset its
/// &lt;meta&gt; declares in the first 1,024 bytes, then UTF-8 when the bytes are valid UTF-8, else GB18030. Portals
/// still publish GB2312 and GBK pages; both labels are decoded as GB18030, their superset, as browsers do.
/// The decoders are <see cref="ReportText"/>'s.
/// </summary>
public static partial class HtmlBytes
{
    /// <summary>Decodes the page; throws <see cref="DecoderFallbackException"/> when the bytes are not in the encoding found.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\xEF\xBB\xBF"u8) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return ReportText.DecodeDetecting(bytes);
        }
        return DeclaredEncoding(bytes) is { } declared ? declared.GetString(bytes) : ReportText.DecodeDetecting(bytes);
    }

    /// <summary>The encoding a &lt;meta charset&gt; or http-equiv Content-Type names near the start; null when none or unknown.</summary>
    internal static Encoding? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        // The declaration is ASCII in every encoding a page may declare here.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 1024)]);
        if (MetaCharset().Match(head) is not { Success: true } match) return null;
        return match.Groups[1].Value.ToLowerInvariant() switch
        {
            "unicode-1-1-utf-8" => ReportText.StrictEncoding("utf-8"),
            "chinese" or "csgb2312" or "iso-ir-58" => ReportText.StrictEncoding("gb18030"),
            // Only the encodings a Chinese portal page declares; any other label is read as undeclared.
            var label and ("utf-8" or "utf8" or "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936" or "windows-936") => ReportText.StrictEncoding(label),
            _ => null,
        };
    }

    [GeneratedRegex(@"<meta\b[^>]*?charset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
