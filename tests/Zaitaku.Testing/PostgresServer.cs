using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Zaitaku.Testing;

/// <summary>
/// The PostgreSQL server the tests use: the one <c>./test.sh</c> started (ZAITAKU_TEST_POSTGRES, an
/// admin connection string), or, when a developer runs <c>dotnet test</c> alone, a throwaway cluster
/// this process starts in a temporary folder on a free loopback port and stops at exit.
/// Each test gets a database of its own.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Admin = new(StartAsync);

    /// <summary>A new, empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Admin.Value;
        var name = $"zt_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("ZAITAKU_TEST_POSTGRES") is { Length: > 0 } given) return given;

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is needed for these tests: run ./test.sh (it installs and starts it), or install Debian's postgresql package.");
        var folder = Directory.CreateTempSubdirectory("zaitaku-pg-").FullName;
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"postgres {folder}");
        Run(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust --no-locale -E UTF8", asRoot);
        Run(Path.Combine(bin, "pg_ctl"), $"-D {data} -l {Path.Combine(folder, "log")} -w -o \"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start", asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Run(Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate stop", asRoot); Directory.Delete(folder, true); }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException) { }
        };
        await Task.CompletedTask;
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static string? FindBinaries()
    {
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            foreach (var version in Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d))
            {
                if (File.Exists(Path.Combine(version, "bin", "initdb"))) return Path.Combine(version, "bin");
            }
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string arguments, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed: {output}");
    }
}
