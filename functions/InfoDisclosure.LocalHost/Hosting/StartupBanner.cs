using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>What a developer needs after <c>dotnet run</c>: where the API is, the key to send, where the data is.</summary>
public static class StartupBanner
{
    /// <summary>The last line printed at start; the test harness waits for it.</summary>
    public const string ReadyLine = "InfoDisclosure local host is ready.";

    public static void Print(WebApplication app, string apiKey, LocalPaths paths, int grpcPort)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var api = addresses.Where(a => !a.EndsWith($":{grpcPort}", StringComparison.Ordinal)).ToList();
        var first = api.FirstOrDefault() ?? "http://localhost:7071";
        var configuration = app.Configuration;

        Console.WriteLine();
        foreach (var address in api) Console.WriteLine($"  Listening on      {address}");
        Console.WriteLine($"  API               {first}/api/reports, {first}/api/agencies");
        Console.WriteLine($"  API key           {apiKey}   (send it in the x-functions-key header)");
        if (configuration["Api:Key"] is { } key && File.Exists(Path.Combine(paths.DataDirectory, LocalApiKey.FileName)) &&
            File.ReadAllText(Path.Combine(paths.DataDirectory, LocalApiKey.FileName)).Trim() == key)
        {
            Console.WriteLine($"                    (generated at the first start, kept in {Path.Combine(paths.DataDirectory, LocalApiKey.FileName)})");
        }
        Console.WriteLine($"  Task hub          {configuration["TaskHubName"]}  (Durable Functions Monitor: the storage connection below, this hub name)");
        Console.WriteLine($"  Storage           {Redacted(configuration["AzureWebJobsStorage"] ?? "")}");
        Console.WriteLine();
        Console.WriteLine(ReadyLine);
    }

    /// <summary>Shows the endpoints but not a real account key (Azurite's well-known key is public and shown as is).</summary>
    private static string Redacted(string connection) =>
        connection.Contains(Workflow.Storage.AzuriteLauncher.AccountKey, StringComparison.Ordinal) || !connection.Contains("AccountKey=", StringComparison.Ordinal)
            ? connection
            : string.Join(';', connection.Split(';').Select(part => part.StartsWith("AccountKey=", StringComparison.Ordinal) ? "AccountKey=***" : part));
}
