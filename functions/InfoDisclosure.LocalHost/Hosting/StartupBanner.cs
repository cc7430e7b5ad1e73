using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>What a developer needs after <c>dotnet run</c>: where the API is, the key to send, where the data is.</summary>
public static class StartupBanner
{
    /// <summary>The last line printed at start; the test harness waits for it.</summary>
    public const string ReadyLine = "InfoDisclosure local host is ready.";

    /// <summary>The REST addresses actually bound (ports resolved), without the sidecar's.</summary>
    public static IReadOnlyList<string> ApiAddresses(WebApplication app, int grpcPort) =>
        (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Where(address => !address.EndsWith($":{grpcPort}", StringComparison.Ordinal))
            .ToList();

    /// <summary>An address this machine can call the API on (a wildcard binding is reached through localhost).</summary>
    public static Uri LocalBaseAddress(WebApplication app, int grpcPort)
    {
        var address = ApiAddresses(app, grpcPort).FirstOrDefault() ?? KestrelEndpoints.DefaultUrls;
        var uri = new UriBuilder(address);
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+") uri.Host = "localhost";
        return uri.Uri;
    }

    public static void Print(WebApplication app, string apiKey, LocalPaths paths, int grpcPort, string? demoReport)
    {
        var configuration = app.Configuration;
        var baseAddress = LocalBaseAddress(app, grpcPort).ToString().TrimEnd('/');
        var keyFile = Path.Combine(paths.DataDirectory, LocalApiKey.FileName);

        Console.WriteLine();
        foreach (var address in ApiAddresses(app, grpcPort)) Console.WriteLine($"  Listening on   {address}");
        Console.WriteLine($"  API            {baseAddress}/api/agencies   {baseAddress}/api/reports?year=2022");
        if (demoReport is not null)
        {
            Console.WriteLine($"  Demo report    {baseAddress}{demoReport}   (preview: {baseAddress}{demoReport}/preview)");
            Console.WriteLine($"  Sign in        {baseAddress}/sign-in   as {string.Join(", ", Seed.DemoSeed.People.Select(p => p.Email))}");
            Console.WriteLine($"                 (the link arrives in {baseAddress}/dev/mailbox when no Smtp__Host is set)");
        }
        Console.WriteLine($"  API key        {apiKey}   (send it in the x-functions-key header)");
        if (File.Exists(keyFile) && File.ReadAllText(keyFile).Trim() == apiKey)
        {
            Console.WriteLine($"                 generated at the first start and kept in {keyFile}");
        }
        Console.WriteLine($"  Task hub       {Workflow.Hosting.EngineSettings.TaskHubName(configuration)}");
        Console.WriteLine($"  Storage        {Redacted(configuration["AzureWebJobsStorage"] ?? "")}");
        Console.WriteLine("                 (open the task hub in Durable Functions Monitor with this connection string and hub name)");
        Console.WriteLine();
        Console.WriteLine(ReadyLine);
    }

    /// <summary>Shows the endpoints but not a real account key (Azurite's well-known key is public and shown as is).</summary>
    private static string Redacted(string connection) =>
        connection.Contains(Workflow.Dev.Storage.AzuriteLauncher.AccountKey, StringComparison.Ordinal) || !connection.Contains("AccountKey=", StringComparison.Ordinal)
            ? connection
            : string.Join(';', connection.Split(';').Select(part => part.StartsWith("AccountKey=", StringComparison.Ordinal) ? "AccountKey=***" : part));
}
