/// Size, modification time, inode and change time of a file (`BuildCache.stamp`): a file replaced
/// or edited changes at least one. A value, not an array: a one-edit rebuild at 10,000 articles
/// takes 30,000 of them.
struct FileStamp: Equatable, Sendable {
    var size: Int
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var inode: Int
    var changedSeconds: Int
    var changedNanoseconds: Int
}
