import { describe, expect, it } from "vitest";
import { throttleAddress, throttleKeys } from "@/lib/auth/sign-in-throttle";

describe("throttleAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:0000:0000:0000:0001", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["unknown", "unknown"],
  ])("%s counts as %s", (address, unit) => {
    expect(throttleAddress(address)).toBe(unit);
  });

  it("every address of one /64 shares one counter", () => {
    const a = throttleKeys("x@y.test", "2001:db8:5:6:1::1");
    const b = throttleKeys("x@y.test", "2001:db8:5:6:ffff:ffff:ffff:ffff");
    expect(a).toEqual(b);
    expect(throttleKeys("x@y.test", "2001:db8:5:7::1").client).not.toBe(a.client);
  });
});
