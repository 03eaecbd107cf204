import XCTest
@testable import ImpactCore

final class DistinctKeyTableTests: XCTestCase {
    /// Text of up to 15 bytes, integers and dates pack and come back as they were; longer
    /// text and other values do not pack; values that differ pack differently.
    func testKeysPackAndComeBackAndStayApart() throws {
        let day = try XCTUnwrap(Day(year: 1999, month: 12, day: 31))
        let packing: [Value] = [.text(""), .text("P1"), .text("P1\u{0}"), .text("12"), .integer(12), .integer(-3),
                                .date(day), .text("Ä-Öl"), .text("P1234567"), .text("P12345678"),
                                .text(String(repeating: "x", count: 15)), .text("नमस")]
        var seen: [PackedKey] = []
        for value in packing {
            let key = try XCTUnwrap(PackedKey(value), "\(value) packs")
            XCTAssertFalse(key.isLong)
            XCTAssertEqual(key.value(long: LongKeys()), value)
            XCTAssertFalse(seen.contains(key), "\(value) packs like another value")
            seen.append(key)
        }
        for value: Value in [.text(String(repeating: "x", count: 16)), .number(1.5), .bool(true), .missing,
                             .list(["a"]), .censored(below: 5)] {
            XCTAssertNil(PackedKey(value), "\(value) is long")
        }
        // Text is its bytes (as metrics.md says): two spellings of one name are two keys.
        var table = DistinctKeyTable()
        XCTAssertNotEqual(table.intern(.text("Jos\u{E9}")).id, table.intern(.text("Jose\u{301}")).id)
        XCTAssertEqual(table.count, 2)
        // Values that do not pack are kept beside, text as bytes, and come back as they were.
        var long = LongKeys()
        let uuid = "3f2b8c1e-9d4a-4e7b-8f00-1c2d3e4f5a6b"
        for value: Value in [.text(uuid), .number(2.5), .text(String(repeating: "é", count: 40)), .list(["a", "b"])] {
            let key = long.add(value, hash: ValueInterner.hash(value))
            XCTAssertTrue(key.isLong)
            XCTAssertEqual(key.isLongText, value.text != nil)
            XCTAssertEqual(key.value(long: long), value)
            XCTAssertEqual(long.hash(key), ValueInterner.hash(value), "the hash is the value's")
            let (store, again) = Self.kept(value)
            XCTAssertTrue(long.same(key, as: again, in: store), "the same value kept in another store")
        }
        XCTAssertEqual(long.values.count, 2, "only the values that are not text are kept as values")
        let other = long.add(.text(uuid + "!"), hash: 1)
        let (uuidStore, uuidKey) = Self.kept(.text(uuid))
        XCTAssertFalse(long.same(other, as: uuidKey, in: uuidStore))
        // Compared byte for byte, the last one too (a hash collision leaves it to this comparison).
        var theirs = LongKeys()
        let sibling = String(uuid.dropLast()) + "c"
        let mine = long.add(.text(sibling), hash: 5)
        XCTAssertFalse(long.same(mine, as: uuidKey, in: uuidStore))
        let (siblingStore, siblingKey) = Self.kept(.text(sibling))
        XCTAssertTrue(long.same(mine, as: siblingKey, in: siblingStore))
        let copied = theirs.adopt(mine, from: long)
        XCTAssertTrue(theirs.same(copied, as: mine, in: long))
        XCTAssertFalse(theirs.same(copied, as: long.add(.text(uuid), hash: 5), in: long))
    }

    /// One byte changed anywhere in text of 1 to 15 bytes changes the hash; and ids
    /// that differ only in their last bytes spread evenly over both the hash's top bits
    /// (the shard) and its low bits (the slot): such keys do not pile up in one place.
    func testHashSeesEveryByteAndSpreadsSequentialIds() throws {
        for length in 1...15 {
            let base = (0..<length).map { UInt8(97 + $0 % 26) }
            let hash = try XCTUnwrap(PackedKey(.text(String(decoding: base, as: UTF8.self)))).hash
            for position in 0..<length {
                var changed = base
                changed[position] = UInt8(ascii: "#")
                let other = try XCTUnwrap(PackedKey(.text(String(decoding: changed, as: UTF8.self)))).hash
                XCTAssertNotEqual(other, hash, "length \(length), byte \(position)")
            }
        }
        let n = 64_000
        var shards = [Int](repeating: 0, count: 64)
        var slots = [Int](repeating: 0, count: 1024)
        for i in 0..<n {
            let hash = try XCTUnwrap(PackedKey(.text("P\(i)"))).hash
            shards[Int(hash >> 58)] += 1
            slots[Int(hash & 1023)] += 1
        }
        // Even spread: 1000 a shard and 62.5 a slot on average.
        XCTAssertLessThan(shards.max() ?? .max, 1150)
        XCTAssertGreaterThan(shards.min() ?? 0, 850)
        XCTAssertLessThan(slots.max() ?? .max, 110)
        XCTAssertGreaterThan(slots.min() ?? 0, 25)
    }

    /// Long texts are kept in blocks of 64 kB that no text straddles: texts of every length
    /// up to the longest kept (65,535 bytes), filling blocks to their last byte and past
    /// it, come back as they were, from the store and from another store that adopted
    /// them, and a store emptied for the next batch keeps nothing.
    func testLongTextsComeBackAcrossBlocks() throws {
        let block = 1 << LongKeys.blockBits
        var lengths = [16, 17, 36, block - 16 - 17 - 36, 1, LongKeys.maxTextBytes, LongKeys.maxTextBytes, 40]
        for n in 0..<5_000 { lengths.append(16 + n % 300) }
        var store = LongKeys(), adopted = LongKeys()
        var kept: [(String, PackedKey, PackedKey)] = []
        for (n, length) in lengths.enumerated() {
            // Lengths under 16 pack: they are made longer with the row number.
            let text = String(n) + "-" + String(repeating: Character(UnicodeScalar(UInt8(97 + n % 26))), count: max(length, 16))
            guard text.utf8.count <= LongKeys.maxTextBytes else { continue }
            let key = store.add(.text(text), hash: ValueInterner.hash(.text(text)))
            kept.append((text, key, adopted.adopt(key, from: store)))
        }
        XCTAssertGreaterThan(kept.count, 5_000)
        for (text, key, copy) in kept {
            XCTAssertEqual(key.value(long: store), .text(text))
            XCTAssertEqual(copy.value(long: adopted), .text(text))
            XCTAssertTrue(adopted.same(copy, as: key, in: store))
            XCTAssertEqual(store.hash(key), ValueInterner.hash(.text(text)))
        }
        XCTAssertFalse(store.isEmpty)
        store.removeAll()
        XCTAssertTrue(store.isEmpty)
        let again = store.add(.text(kept[0].0), hash: 1)
        XCTAssertEqual(again.value(long: store), .text(kept[0].0))
    }

    /// `value` kept in a store of its own, and its key there.
    static func kept(_ value: Value) -> (LongKeys, PackedKey) {
        var store = LongKeys()
        let key = store.add(value, hash: ValueInterner.hash(value))
        return (store, key)
    }

    /// Ids in order of first appearance, as a Dictionary keyed by value gives them,
    /// through growth, for keys that pack and long ones: interned in batches (long
    /// values in the caller's table) and in batches of one alike; and the keys come back by id.
    func testIdsMatchADictionaryThroughGrowth() {
        var batched = DistinctKeyTable(capacity: 2)
        var single = DistinctKeyTable()
        var reference: [Value: Int] = [:]
        var state: UInt64 = 11
        for n in 0..<30_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let pick = Int(state >> 40) % 4000
            let value: Value
            switch n % 4 {
            case 0: value = .integer(pick)
            case 1: value = .text("P\(pick)")
            case 2: value = .text("a person id longer than fifteen bytes \(pick)")
            default: value = .number(Double(pick) / 4)
            }
            var long = LongKeys()
            _ = long.add(.text("not this one, another long key"), hash: 7)
            let (packed, hash) = DistinctKeyTable.key(of: value)
            let key = packed ?? long.add(value, hash: hash)
            let (id, isNew) = batched.intern(key, hash: hash, long: long)
            let (again, _) = single.intern(value)
            XCTAssertEqual(again, id, "in a batch of one: \(value)")
            if let known = reference[value] {
                XCTAssertEqual(id, known, "\(value)")
                XCTAssertFalse(isNew, "\(value)")
            } else {
                XCTAssertEqual(id, reference.count, "a new key gets the next id: \(value)")
                XCTAssertTrue(isNew, "\(value)")
                reference[value] = id
            }
        }
        XCTAssertEqual(batched.count, reference.count)
        XCTAssertGreaterThan(batched.count, 8000, "the table grew many times")
        let byID = batched.keysByID.map { $0.value(long: batched.longKeys) }
        XCTAssertEqual(byID.count, reference.count)
        for (value, id) in reference { XCTAssertEqual(byID[id], value) }
        // Room made for more keys first: the same ids.
        var reserved = DistinctKeyTable()
        reserved.reserve(reference.count)
        for value in byID { _ = reserved.intern(value) }
        XCTAssertEqual(reserved.keysByID, batched.keysByID)
    }
}

final class DistinctKeyTableRandomTextTests: XCTestCase {
    /// Random text of 0 to 70 bytes (ASCII, NUL, accented and Devanagari letters: lengths
    /// on both sides of the 15 bytes held inline), interned in batches with their long
    /// keys kept beside and in batches of one: the same ids as a Dictionary of the texts, and
    /// every key comes back as its text.
    func testRandomTextOfEveryLengthMatchesADictionary() {
        var state: UInt64 = 2026
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        let alphabet: [String] = ["a", "Z", "0", "-", "\u{0}", "é", "ß", "न", "म", " "]
        // A pool of texts met again and again, some differing only in their last character.
        var pool: [String] = []
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<next(30) { text += alphabet[next(alphabet.count)] }
            pool.append(text)
            if next(4) == 0 { pool.append(text + "a") }
        }
        var batched = DistinctKeyTable(capacity: 2)
        var single = DistinctKeyTable()
        var reference: [String: Int] = [:]
        for _ in 0..<4 {
            var long = LongKeys()
            var batch: [(key: PackedKey, hash: UInt64, text: String)] = []
            for _ in 0..<2500 {
                let text = pool[next(pool.count)]
                let (packed, hash) = DistinctKeyTable.key(of: .text(text))
                XCTAssertEqual(packed == nil, text.utf8.count > PackedKey.inlineBytes, "\(text.utf8.count) bytes")
                batch.append((packed ?? long.add(.text(text), hash: hash), hash, text))
            }
            for entry in batch {
                let id = batched.intern(entry.key, hash: entry.hash, long: long).id
                XCTAssertEqual(single.intern(.text(entry.text)).id, id)
                if let known = reference[entry.text] {
                    XCTAssertEqual(id, known, entry.text)
                } else {
                    XCTAssertEqual(id, reference.count, entry.text)
                    reference[entry.text] = id
                }
            }
        }
        XCTAssertEqual(batched.count, reference.count)
        let back = batched.keysByID.map { $0.value(long: batched.longKeys) }
        for (text, id) in reference { XCTAssertEqual(back[id], .text(text)) }
    }
}

extension DistinctKeyTable {
    /// `value` interned as a batch of one (a long value kept in a store of its own).
    mutating func intern(_ value: Value) -> (id: Int, isNew: Bool) {
        var long = LongKeys()
        let (packed, hash) = Self.key(of: value)
        return intern(packed ?? long.add(value, hash: hash), hash: hash, long: long)
    }
}

extension PackedKey {
    /// The value again (a long key's from `long`, where it is kept): what the tests
    /// compare keys by.
    func value(long: LongKeys) -> Value {
        switch w1 >> 56 {
        case 0xFF: return long.values[Int(truncatingIfNeeded: w0)]
        case 0xFE: return .text(long.withText(self) { String(decoding: $0, as: UTF8.self) })
        case 0x80: return .integer(Int(Int64(bitPattern: w0)))
        case 0x81: return .date(Day(daysSinceEpoch: Int32(truncatingIfNeeded: w0)))
        default:
            let n = Int(w1 >> 56)
            var words = (w0, w1 & 0x00FF_FFFF_FFFF_FFFF)
            return withUnsafeBytes(of: &words) { .text(String(decoding: $0.prefix(n), as: UTF8.self)) }
        }
    }
}
