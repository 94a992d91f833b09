using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Zaitaku.Benchmarks.Devices;

/// <summary>
/// A second load generator for the posture scenario: ApacheBench (<c>ab</c>, Debian's apache2-utils), one
/// process per PC certificate. ab opens a new connection for every request and never offers a TLS session
/// (it keeps none), so every check-in is a full TLS 1.3 handshake with the PC's certificate; it does not verify
/// the server's certificate. It costs far less CPU per handshake than the .NET client, which matters on a
/// machine where the generator and the gateway share two cores.
/// </summary>
internal static class AbGenerator
{
    /// <summary>The ab binary: <c>ZAITAKU_AB</c>, else <c>ab</c> on the PATH (installed from apache2-utils when missing).</summary>
    public static string Binary()
    {
        var configured = Environment.GetEnvironmentVariable("ZAITAKU_AB");
        if (!string.IsNullOrEmpty(configured)) return configured;
        if (OnPath("ab") is { } found) return found;
        Console.WriteLine("ab not found: installing Debian's apache2-utils");
        using var apt = Process.Start(new ProcessStartInfo("apt-get", "install -y -q apache2-utils") { RedirectStandardOutput = true })!;
        apt.StandardOutput.ReadToEnd();
        apt.WaitForExit();
        return OnPath("ab") ?? throw new InvalidOperationException("ab (apache2-utils) is needed for --generator ab");
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>What one measured ab run of all processes gave.</summary>
    internal sealed record Result(long Ok, long Failed, Dictionary<int, long> Statuses, List<double> Latencies, double Seconds, TimeSpan GeneratorCpu, string? Tls);

    /// <summary>
    /// Runs <paramref name="processes"/> ab processes for <paramref name="seconds"/>, each with its own PC's certificate
    /// and <paramref name="connectionsEach"/> connections; returns when all have ended.
    /// </summary>
    public static async Task<Result> RunAsync(string folder, IPEndPoint endpoint, IReadOnlyList<X509Certificate2> certificates, byte[] body,
        int processes, int connectionsEach, int seconds, string tag)
    {
        var ab = Binary();
        var bodyFile = Path.Combine(folder, "posture-report.json");
        await File.WriteAllBytesAsync(bodyFile, body);
        var runs = new List<(Process Process, string Gnuplot)>();
        for (var p = 0; p < processes; p++)
        {
            var pem = Path.Combine(folder, $"ab-pc-{p}.pem");
            if (!File.Exists(pem)) await File.WriteAllTextAsync(pem, ClientPem(certificates[p % certificates.Count]));
            var gnuplot = Path.Combine(folder, $"ab-{tag}-{p}.tsv");
            // bash's `times` prints the CPU its children used: ab's own, read after it ended.
            var command = $"'{ab}' -q -l -r -t {seconds} -n {Math.Max(50_000, seconds * 5_000)} -c {connectionsEach} " +
                $"-E '{pem}' -p '{bodyFile}' -T application/json -g '{gnuplot}' https://{endpoint.Address}:{endpoint.Port}/device/posture; times";
            var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            runs.Add((Process.Start(start)!, gnuplot));
        }
        var clock = Stopwatch.StartNew();
        var outputs = await Task.WhenAll(runs.Select(async r =>
        {
            var output = r.Process.StandardOutput.ReadToEndAsync();
            var error = r.Process.StandardError.ReadToEndAsync();
            await r.Process.WaitForExitAsync();
            return (Output: await output, Error: await error);
        }));
        var elapsed = clock.Elapsed.TotalSeconds;

        long complete = 0, failed = 0, non2xx = 0;
        var cpu = TimeSpan.Zero;
        var taken = 0.0;
        string? tls = null;
        foreach (var (output, error) in outputs)
        {
            if (!output.Contains("Complete requests:", StringComparison.Ordinal))
                throw new InvalidOperationException($"ab failed: {output}{error}");
            complete += Field(output, "Complete requests:");
            failed += Field(output, "Failed requests:");
            non2xx += output.Contains("Non-2xx responses:", StringComparison.Ordinal) ? Field(output, "Non-2xx responses:") : 0;
            taken = Math.Max(taken, double.Parse(Value(output, "Time taken for tests:").Split(' ')[0], CultureInfo.InvariantCulture));
            cpu += ChildrenCpu(output);
            if (output.Contains("SSL/TLS Protocol:", StringComparison.Ordinal)) tls ??= Value(output, "SSL/TLS Protocol:");
        }
        // ab -l counts no length differences; what is left of "Failed" is connect, receive and exception errors.
        var latencies = new List<double>();
        foreach (var (_, gnuplot) in runs)
        {
            foreach (var line in File.ReadLines(gnuplot).Skip(1))
            {
                var columns = line.Split('\t');
                latencies.Add(double.Parse(columns[4], CultureInfo.InvariantCulture)); // ttime: connect + handshake + request, ms
            }
        }
        foreach (var (process, _) in runs) process.Dispose();
        var ok = complete - non2xx;
        var statuses = new Dictionary<int, long> { [200] = ok };
        if (non2xx > 0) statuses[0] = non2xx;
        return new Result(ok, failed + non2xx, statuses, latencies, Math.Max(taken, 0.001), cpu, tls);
    }

    /// <summary>The PC's certificate followed by its private key, as ab's -E wants them.</summary>
    private static string ClientPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the PC's certificate has no ECDSA key");
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    private static string Value(string output, string label)
    {
        var line = output.Split('\n').First(l => l.StartsWith(label, StringComparison.Ordinal));
        return line[label.Length..].Trim();
    }

    private static long Field(string output, string label) => long.Parse(Value(output, label).Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>The second line of bash's <c>times</c>: user and system time of its children, e.g. "0m1.234s 0m0.567s".</summary>
    private static TimeSpan ChildrenCpu(string output)
    {
        var lines = output.TrimEnd().Split('\n');
        var parts = lines[^1].Trim().Split(' ');
        return parts.Select(Parse).Aggregate(TimeSpan.Zero, (a, b) => a + b);

        static TimeSpan Parse(string value)
        {
            var m = value.IndexOf('m');
            return TimeSpan.FromMinutes(int.Parse(value[..m], CultureInfo.InvariantCulture))
                + TimeSpan.FromSeconds(double.Parse(value[(m + 1)..^1], CultureInfo.InvariantCulture));
        }
    }
}
