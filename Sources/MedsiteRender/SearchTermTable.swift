#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One page's search terms with their best weight and their uses in the text, keyed by the terms'
/// bytes (`SearchText.forEachTerm`): a String and a dictionary look-up per word of every page cost
/// more than finding the words. Terms are a–z and 0–9, so byte order is String order.
struct SearchTermTable {
    private var storage: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private(set) var weights: [Int] = []
    private(set) var uses: [Int] = []
    /// Open addressing: an entry's number, or -1.
    private var slots = [Int32](repeating: -1, count: 1024)

    init() {
        storage.reserveCapacity(4096)
        starts.reserveCapacity(512)
        lengths.reserveCapacity(512)
        weights.reserveCapacity(512)
        uses.reserveCapacity(512)
    }

    var count: Int { starts.count }

    /// The term's entry, added (weight 0, no uses) when new.
    mutating func entry(_ term: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 // FNV-1a
        for byte in term { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
        while true {
            let number = Int(slots[slot])
            if number < 0 { break }
            if lengths[number] == term.count, storage.withUnsafeBufferPointer({
                term.isEmpty || memcmp($0.baseAddress! + starts[number], term.baseAddress!, term.count) == 0
            }) {
                return number
            }
            slot = (slot + 1) & mask
        }
        let number = starts.count
        starts.append(storage.count)
        lengths.append(term.count)
        storage.append(contentsOf: term)
        weights.append(0)
        uses.append(0)
        slots[slot] = Int32(number)
        if starts.count * 2 > slots.count { rehash(size: slots.count * 2) }
        return number
    }

    mutating func raiseWeight(_ term: UnsafeBufferPointer<UInt8>, to weight: Int) {
        let number = entry(term)
        if weights[number] < weight { weights[number] = weight }
    }

    mutating func use(_ term: UnsafeBufferPointer<UInt8>) {
        uses[entry(term)] += 1
    }

    private mutating func rehash(size: Int) {
        slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        storage.withUnsafeBufferPointer { storage in
            for number in starts.indices {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for byte in UnsafeBufferPointer(rebasing: storage[starts[number]..<starts[number] + lengths[number]]) {
                    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                }
                var slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(number)
            }
        }
    }

    /// "term score term score …" sorted by term, each entry's score from `score(weight, uses)`.
    func joined(score: (Int, Int) -> Int) -> String {
        storage.withUnsafeBufferPointer { storage in
            func precedes(_ left: Int, _ right: Int) -> Bool {
                let common = min(lengths[left], lengths[right])
                let order = memcmp(storage.baseAddress! + starts[left], storage.baseAddress! + starts[right], common)
                return order != 0 ? order < 0 : lengths[left] < lengths[right]
            }
            let order = starts.indices.sorted(by: precedes)
            var text: [UInt8] = []
            text.reserveCapacity(storage.count + count * 5)
            for number in order {
                if !text.isEmpty { text.append(32) }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: storage[starts[number]..<starts[number] + lengths[number]]))
                text.append(32)
                text.append(contentsOf: String(score(weights[number], uses[number])).utf8)
            }
            return String(decoding: text, as: UTF8.self)
        }
    }
}
