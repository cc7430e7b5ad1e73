using System.Security.Cryptography;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// The API key of the local host: <c>Api__Key</c> from configuration; in Development, when none is configured, a key
/// generated at the first start and kept in the local data folder so it stays the same across restarts.
/// </summary>
public static class LocalApiKey
{
    public const string FileName = "api-key.txt";

    public static string Ensure(IConfigurationManager configuration, IHostEnvironment environment, string dataDirectory)
    {
        if (configuration["Api:Key"] is { Length: > 0 } configured) return configured;
        // Outside Development the start-up check (RequiredSettings) refuses to start without a key, naming the setting.
        if (!environment.IsDevelopment()) return "";

        var path = Path.Combine(dataDirectory, FileName);
        string key;
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } stored)
        {
            key = stored;
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            File.WriteAllText(path, key + Environment.NewLine);
        }
        configuration["Api:Key"] = key;
        return key;
    }
}
