using System.Text.Json;

namespace PhiGate.Audit.Tests;

public class LoadTests
{
    [Test]
    public async Task AppendAsync_ConcurrentProducers_ExactlyNRecordsAndChainIntact()
    {
        // Arrange: bounded: 4 producers x 5,000 events, small files so rotation happens under load.
        const int Producers = 4;
        const int PerProducer = 5_000;
        await using var harness = new TrailHarness();
        var trail = await harness.StartAsync(o => { o.RotateSize = "1MiB"; o.CheckpointEvery = 500; o.QueueCapacity = 1024; });

        // Act
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                if (!await trail.AppendAsync(Events.Decision(trail, (p * PerProducer) + i)))
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }))).WaitAsync(TimeSpan.FromMinutes(2));
        await trail.StopAsync();

        // Assert
        var report = harness.Verify();
        Assert.That(report.Problem, Is.Null);
        var requestIds = harness.AllLines()
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("type").GetString() == "decision")
            .Select(r => r.GetProperty("request_id").GetString())
            .ToHashSet();
        Assert.That(report.Events, Is.EqualTo((Producers * PerProducer) - refused));
        Assert.That(requestIds, Has.Count.EqualTo(report.Events), "no event written twice");
        Assert.That(refused, Is.Zero, "the writer keeps up with four producers");
        Assert.That(harness.Files(), Has.Length.GreaterThan(1));
    }
}
