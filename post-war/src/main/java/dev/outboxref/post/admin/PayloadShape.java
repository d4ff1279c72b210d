package dev.outboxref.post.admin;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A parked payload as operators see it: its size, its SHA-256 and, if it is protocol buffers, the
 * numbers, wire types and sizes of its top-level fields; never a value. A parked event may hold
 * personal data (names, or an email from an old producer) that the admin API must not hand out; the
 * shape is enough to see what is wrong with it (a field of an unknown type, a truncated message),
 * and the hash identifies it across instances and replays.
 *
 * @param fields the top-level fields in number order; empty if the payload is no protobuf
 * @param protobuf whether the payload parses as protocol buffers at all
 */
public record PayloadShape(int bytes, String sha256, boolean protobuf, List<Field> fields) {

  /** One top-level field: its number, wire type, how many times it occurs and its total size. */
  public record Field(int number, String wireType, int occurrences, int lengthBytes) {}

  static PayloadShape of(byte[] payload) {
    byte[] bytes = payload == null ? new byte[0] : payload;
    List<Field> fields = new ArrayList<>();
    boolean protobuf;
    try {
      for (Map.Entry<Integer, UnknownFieldSet.Field> field :
          UnknownFieldSet.parseFrom(bytes).asMap().entrySet()) {
        fields.add(field(field.getKey(), field.getValue()));
      }
      protobuf = true;
    } catch (InvalidProtocolBufferException e) {
      fields.clear();
      protobuf = false;
    }
    return new PayloadShape(bytes.length, sha256(bytes), protobuf, List.copyOf(fields));
  }

  private static Field field(int number, UnknownFieldSet.Field value) {
    int size = value.getSerializedSize(number);
    if (!value.getLengthDelimitedList().isEmpty()) {
      return new Field(number, "LEN", value.getLengthDelimitedList().size(), size);
    }
    if (!value.getVarintList().isEmpty()) {
      return new Field(number, "VARINT", value.getVarintList().size(), size);
    }
    if (!value.getFixed64List().isEmpty()) {
      return new Field(number, "I64", value.getFixed64List().size(), size);
    }
    if (!value.getFixed32List().isEmpty()) {
      return new Field(number, "I32", value.getFixed32List().size(), size);
    }
    return new Field(number, "GROUP", value.getGroupList().size(), size);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
