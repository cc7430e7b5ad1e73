using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace InfoDisclosure.Workflow.Review.Links;

/// <summary>
/// Link tokens: 256 random bits from the OS CSPRNG, base64url (43 characters). Only their SHA-256 is stored, so a copy
/// of the table (a backup, a leaked connection string) holds nothing that opens a review page.
/// </summary>
public static class ReviewLinkTokens
{
    public const int TokenBytes = 32;
    public const int TokenLength = 43;

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>A token as we issue them: exactly 43 base64url characters. Anything else is refused before storage is asked.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Lower-case hex SHA-256 of the token: the link's key in storage.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>The hidden form value of a review page: HMAC-SHA256 of the link's hash under the form key.</summary>
    public static string FormValue(byte[] formKey, string tokenHash) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(formKey, Encoding.ASCII.GetBytes("review-form:" + tokenHash)));

    public static bool FormValueMatches(byte[] formKey, string tokenHash, string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return false;
        var expected = Encoding.ASCII.GetBytes(FormValue(formKey, tokenHash));
        var actual = Encoding.UTF8.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
