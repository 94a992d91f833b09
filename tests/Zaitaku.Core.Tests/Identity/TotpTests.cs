using System.Text;
using Zaitaku.Identity;

namespace Zaitaku.Core.Tests.Identity;

public sealed class TotpTests
{
    // RFC 6238 Appendix B: the seeds are the ASCII digits 1234567890 repeated to the hash's length.
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Code_Rfc6238TestVectors_Match(long unixSeconds, string sha1, string sha256, string sha512)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        Assert.Equal(sha1, Totp.Code(Sha1Seed, time, 8, TotpAlgorithm.Sha1));
        Assert.Equal(sha256, Totp.Code(Sha256Seed, time, 8, TotpAlgorithm.Sha256));
        Assert.Equal(sha512, Totp.Code(Sha512Seed, time, 8, TotpAlgorithm.Sha512));
    }

    [Fact]
    public void Verify_CodeOfPreviousStep_IsAcceptedForClockDrift_ButNotTwoStepsBack()
    {
        var secret = Totp.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        Assert.NotNull(Totp.Verify(secret, Totp.Code(secret, now.AddSeconds(-30)), now));
        Assert.Null(Totp.Verify(secret, Totp.Code(secret, now.AddSeconds(-60)), now));
    }

    [Fact]
    public void Verify_StepAlreadyUsed_IsRefused()
    {
        var secret = Totp.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        var code = Totp.Code(secret, now);
        var step = Totp.Verify(secret, code, now);
        Assert.Equal(Totp.TimeStep(now), step);
        Assert.Null(Totp.Verify(secret, code, now, lastUsedStep: step));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("abcdef")]
    [InlineData("1234567")]
    public void Verify_NotSixDigits_IsRefused(string code) =>
        Assert.Null(Totp.Verify(Totp.NewSecret(), code, DateTimeOffset.UtcNow));

    [Fact]
    public void Base32_RoundTripsAndMatchesRfc4648()
    {
        Assert.Equal("MZXW6YTBOI", Base32.Encode(Encoding.ASCII.GetBytes("foobar")));
        Assert.Equal("foobar", Encoding.ASCII.GetString(Base32.Decode("mzxw 6ytb oi")));
        var secret = Totp.NewSecret();
        Assert.Equal(secret, Base32.Decode(Base32.Encode(secret)));
    }

    [Fact]
    public void ProvisioningUri_NamesIssuerAccountAndSecret()
    {
        var uri = Totp.ProvisioningUri("Zaitaku", "990001/10001", Encoding.ASCII.GetBytes("foobar"));
        Assert.Equal("otpauth://totp/Zaitaku:990001%2F10001?secret=MZXW6YTBOI&issuer=Zaitaku&algorithm=SHA1&digits=6&period=30", uri);
    }
}
