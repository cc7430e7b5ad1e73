using Azure.Data.Tables;
using Azure.Storage.Queues;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Dev.Storage;

namespace InfoDisclosure.Workflow.Tests.Storage;

/// <summary>
/// azurite-speed-fixes.js replaces three methods of Azurite's in-memory stores. Every other test runs on the fixed
/// Azurite; these compare it with Azurite as published, on the queries and queue operations the fixes touch.
/// </summary>
public sealed class AzuriteSpeedFixesTests(AzuriteSpeedFixesTests.TwoAzurites azurites) : IClassFixture<AzuriteSpeedFixesTests.TwoAzurites>
{
    private readonly AzuriteLauncher _fixed = azurites.Fixed;
    private readonly AzuriteLauncher _published = azurites.Published;

    /// <summary>One Azurite with the fixes and one as published, for the whole class.</summary>
    public sealed class TwoAzurites : IAsyncLifetime
    {
        public AzuriteLauncher Fixed { get; private set; } = null!;
        public AzuriteLauncher Published { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var started = await Task.WhenAll(new[] { true, false }.Select(fixes => AzuriteLauncher.StartAsync(new AzuriteOptions
            {
                RepoRoot = TestPaths.RepoRoot,
                Log = TextWriter.Null,
                SpeedFixes = fixes,
            })));
            (Fixed, Published) = (started[0], started[1]);
        }

        public Task DisposeAsync()
        {
            Fixed.Dispose();
            Published.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void The_fixes_are_applied_to_the_installed_Azurite()
    {
        // A different Azurite version runs without them and says so: then the fixes need to be checked against it.
        Assert.Contains("azurite-speed-fixes: applied to Azurite", _fixed.CapturedOutput);
        Assert.DoesNotContain("azurite-speed-fixes", _published.CapturedOutput);
    }

    [Theory]
    [InlineData("PartitionKey eq 'p1'", 5)]
    [InlineData("PartitionKey eq 'p1' and (RowKey eq 'r2' or Size eq 3)", 2)]
    [InlineData("RowKey ge 'r3' and PartitionKey eq 'p2'", 3)]
    [InlineData("(PartitionKey eq 'p1') and (RowKey lt 'r4') and (Size gt 1)", 2)]
    [InlineData("PartitionKey eq 'p1' or PartitionKey eq 'p3'", 10)]
    [InlineData("PartitionKey eq 'o''brien'", 5)]
    [InlineData("PartitionKey eq 'none'", 0)]
    [InlineData("(PartitionKey ge 'p1') and (PartitionKey lt 'p3')", 10)]
    [InlineData("not (PartitionKey eq 'p1')", 15)]
    [InlineData("Size eq 2", 4)]
    public async Task A_table_query_finds_the_same_entities_in_the_same_pages(string filter, int entities)
    {
        var fixedPages = await QueryPagesAsync(_fixed, filter);
        var publishedPages = await QueryPagesAsync(_published, filter);

        Assert.Equal(entities, publishedPages.Sum(p => p.Length));
        Assert.Equal(publishedPages, fixedPages);
    }

    [Fact]
    public async Task A_partition_query_still_sees_entities_written_and_deleted_after_the_first_query()
    {
        var table = await FilledTableAsync(_fixed);
        Assert.Equal(5, await CountAsync(table, "PartitionKey eq 'p1'"));

        await table.AddEntityAsync(new TableEntity("p1", "r9") { ["Size"] = 9 });
        await table.DeleteEntityAsync("p1", "r1");
        await table.UpsertEntityAsync(new TableEntity("p1", "r2") { ["Size"] = 20 });

        Assert.Equal(5, await CountAsync(table, "PartitionKey eq 'p1'"));
        Assert.Equal(["r2", "r9"], await RowKeysAsync(table, "PartitionKey eq 'p1' and Size ge 9"));
    }

    [Fact]
    public async Task After_a_restart_from_its_data_directory_a_partition_query_finds_every_entity()
    {
        // The storage outage test stops Azurite and starts it again on its data: the indices come back from disk.
        var data = Path.Combine(Path.GetTempPath(), "azurite-fixes-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = await AzuriteLauncher.StartAsync(new AzuriteOptions { RepoRoot = TestPaths.RepoRoot, Log = TextWriter.Null, DataDirectory = data });
            var (blob, queue, tablePort) = (first.BlobPort, first.QueuePort, first.TablePort);
            var table = new TableClient(first.ConnectionString, "restarted");
            await table.CreateAsync();
            for (var row = 0; row < 60; row++)
            {
                await table.AddEntityAsync(new TableEntity($"p{row % 6}", $"r{row:D2}"));
            }
            await table.DeleteEntityAsync("p1", "r01");
            await first.StopAsync(TimeSpan.FromSeconds(30));

            using var second = await AzuriteLauncher.StartAsync(new AzuriteOptions
            {
                RepoRoot = TestPaths.RepoRoot, Log = TextWriter.Null, DataDirectory = data, BlobPort = blob, QueuePort = queue, TablePort = tablePort,
            });
            table = new TableClient(second.ConnectionString, "restarted");
            await table.AddEntityAsync(new TableEntity("p1", "r99"));
            await table.DeleteEntityAsync("p2", "r02");

            for (var partition = 0; partition < 6; partition++)
            {
                var everyEntity = new List<string>();
                await foreach (var e in table.QueryAsync<TableEntity>($"RowKey ge ''")) if (e.PartitionKey == $"p{partition}") everyEntity.Add(e.RowKey);
                Assert.Equal(everyEntity, await RowKeysAsync(table, $"PartitionKey eq 'p{partition}'"));
                Assert.Equal(partition == 1 ? 10 : partition == 2 ? 9 : 10, everyEntity.Count);
            }
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task An_expired_message_is_gone_and_the_others_are_received_and_deleted()
    {
        foreach (var azurite in new[] { _fixed, _published })
        {
            var queue = new QueueClient(azurite.ConnectionString, "speed-fixes");
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync("expires", timeToLive: TimeSpan.FromSeconds(1));
            await queue.SendMessageAsync("stays");
            await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromDays(5));

            // Azurite keeps a message until a request to its queue finds it expired.
            await WaitUntilAsync(async () => (await queue.PeekMessagesAsync(10)).Value.Length == 1, TimeSpan.FromSeconds(30));

            var received = (await queue.ReceiveMessagesAsync(10)).Value;
            Assert.Equal(["stays"], received.Select(m => m.Body.ToString()));
            await queue.DeleteMessageAsync(received[0].MessageId, received[0].PopReceipt);
            Assert.Empty((await queue.ReceiveMessagesAsync(10)).Value);
            Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        }
    }

    private static async Task<List<string[]>> QueryPagesAsync(AzuriteLauncher azurite, string filter)
    {
        var table = await FilledTableAsync(azurite);
        var pages = new List<string[]>();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 2).AsPages())
        {
            pages.Add(page.Values.Select(e => $"{e.PartitionKey}/{e.RowKey}").ToArray());
        }
        return pages.Where(p => p.Length > 0).ToList();
    }

    private static async Task<TableClient> FilledTableAsync(AzuriteLauncher azurite)
    {
        var table = new TableClient(azurite.ConnectionString, "t" + Guid.NewGuid().ToString("N"));
        await table.CreateAsync();
        var batch = new List<Task>();
        foreach (var partition in new[] { "p1", "p2", "p3", "o'brien" })
        {
            for (var row = 1; row <= 5; row++)
            {
                batch.Add(table.AddEntityAsync(new TableEntity(partition, $"r{row}") { ["Size"] = row }));
            }
        }
        await Task.WhenAll(batch);
        return table;
    }

    private static async Task<int> CountAsync(TableClient table, string filter) => (await RowKeysAsync(table, filter)).Length;

    private static async Task<string[]> RowKeysAsync(TableClient table, string filter)
    {
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter)) keys.Add(entity.RowKey);
        return keys.ToArray();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The expired message was still in the queue.");
            await Task.Delay(200);
        }
    }
}
