using PhiGate.Redaction.Detection;

namespace PhiGate.Redaction.Tests.Detection;

[TestFixture]
public sealed class ValidatorsTests
{
    [TestCase(123, 45, 6789, ExpectedResult = true, TestName = "Valid_OrdinarySsn")]
    [TestCase(899, 99, 9999, ExpectedResult = true, TestName = "Valid_HighestArea")]
    [TestCase(0, 45, 6789, ExpectedResult = false, TestName = "Invalid_Area000")]
    [TestCase(666, 45, 6789, ExpectedResult = false, TestName = "Invalid_Area666")]
    [TestCase(900, 45, 6789, ExpectedResult = false, TestName = "Invalid_Area9xx")]
    [TestCase(123, 0, 6789, ExpectedResult = false, TestName = "Invalid_Group00")]
    [TestCase(123, 45, 0, ExpectedResult = false, TestName = "Invalid_Serial0000")]
    public bool IsValidSsn_Cases_FollowSsaRules(int area, int group, int serial)
    {
        // Arrange / Act / Assert
        return Validators.IsValidSsn(area, group, serial);
    }

    [TestCase("4111 1111 1111 1111", ExpectedResult = true, TestName = "Valid_VisaTestNumber")]
    [TestCase("79927398713", ExpectedResult = true, TestName = "Valid_LuhnExample")]
    [TestCase("4111 1111 1111 1112", ExpectedResult = false, TestName = "Invalid_LastDigitChanged")]
    public bool PassesLuhn_Cases_ChecksMod10(string digits) => Validators.PassesLuhn(digits);

    [TestCase("1234567893", ExpectedResult = true, TestName = "Valid_Npi")]
    [TestCase("1234567890", ExpectedResult = false, TestName = "Invalid_NpiCheckDigit")]
    [TestCase("12345", ExpectedResult = false, TestName = "Invalid_NpiLength")]
    public bool IsValidNpi_Cases_UsesIssuerPrefix(string npi) => Validators.IsValidNpi(npi);

    [TestCase("1HGCM82633A004352", ExpectedResult = true, TestName = "Valid_Vin")]
    [TestCase("1HGCM82643A004352", ExpectedResult = false, TestName = "Invalid_VinCheckDigit")]
    [TestCase("1HGCM82633A00435", ExpectedResult = false, TestName = "Invalid_VinLength")]
    [TestCase("1HGCM8263IA004352", ExpectedResult = false, TestName = "Invalid_VinLetterI")]
    public bool IsValidVin_Cases_ChecksPosition9(string vin) => Validators.IsValidVin(vin);

    [TestCase("192.168.10.1", ExpectedResult = true, TestName = "Valid_IPv4")]
    [TestCase("256.1.1.1", ExpectedResult = false, TestName = "Invalid_IPv4OctetOver255")]
    [TestCase("1.2.3", ExpectedResult = false, TestName = "Invalid_IPv4ThreeParts")]
    [TestCase("0.1.2.3", ExpectedResult = false, TestName = "Invalid_IPv4LeadingZeroNetwork")]
    public bool IsValidIPv4_Cases_ChecksOctets(string text) => Validators.IsValidIPv4(text);

    [TestCase("2001:db8::1", ExpectedResult = true, TestName = "Valid_IPv6Compressed")]
    [TestCase("fe80:0:0:0:202:b3ff:fe1e:8329", ExpectedResult = true, TestName = "Valid_IPv6Full")]
    [TestCase("10:30:45", ExpectedResult = false, TestName = "Invalid_IPv6TimeOfDay")]
    public bool IsValidIPv6_Cases_ParsesAddress(string text) => Validators.IsValidIPv6(text);
}
