using System.Text;
using System.Text.RegularExpressions;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// The text of a page as bytes, decoded as a browser would: a byte-order mark first, then the charset its
/// &lt;meta&gt; declares in the first 1,024 bytes, then UTF-8 when the bytes are valid UTF-8, else GB18030. Portals
/// still publish GB2312 and GBK pages; both labels are decoded as GB18030, their superset, as browsers do.
/// </summary>
public static partial class HtmlBytes
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>Decodes the page; throws <see cref="DecoderFallbackException"/> when the bytes are not in the encoding found.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\xEF\xBB\xBF"u8)) return StrictUtf8.GetString(bytes[3..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new UnicodeEncoding(false, true, true).GetString(bytes[2..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new UnicodeEncoding(true, true, true).GetString(bytes[2..]);
        return DeclaredEncoding(bytes) switch
        {
            { } declared => declared.GetString(bytes),
            null => DecodeUndeclared(bytes),
        };
    }

    /// <summary>Valid UTF-8 as UTF-8, anything else as GB18030 (for text files and pages that declare nothing).</summary>
    public static string DecodeUndeclared(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.Value.GetString(bytes);
        }
    }

    /// <summary>The encoding a &lt;meta charset&gt; or http-equiv Content-Type names near the start; null when none or unknown.</summary>
    internal static Encoding? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        // The declaration is ASCII in every encoding a page may declare here.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 1024)]);
        if (MetaCharset().Match(head) is not { Success: true } match) return null;
        return match.Groups[1].Value.ToLowerInvariant() switch
        {
            "utf-8" or "utf8" or "unicode-1-1-utf-8" => StrictUtf8,
            "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936" or "chinese" or "csgb2312" or "iso-ir-58" or "windows-936" => Gb18030.Value,
            _ => null,
        };
    }

    [GeneratedRegex(@"<meta\b[^>]*?charset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
