// expect: error [FanOut/NotSendable] 'Customer' (result of customers) is not Sendable: component 'lines' of 'Order' (reached through Customer.lastOrder) has type 'ArrayList<String>', which is mutable. Declare 'lines' as List<String>
// on: List<Customer> customers(
// expect: error [FanOut/NotSendable] 'Order' (result of orders) is not Sendable: component 'lines' of 'Order' has type 'ArrayList<String>', which is mutable. Declare 'lines' as List<String> and copy it in the compact constructor of 'Order': lines = List.copyOf(lines)
// on: List<Order> orders(
// expect: error [FanOut/NotSendable] 'lines' makes 'Order' not Sendable, so it cannot be a child's result or part of one: it has type 'ArrayList<String>', which is mutable. Declare 'lines' as List<String>
// on: ArrayList<String> lines)
package test;

import dev.fanout.annotation.*;
import java.util.*;

// CycleCheckedOrderFirst in the other order: the verdicts and their texts are the same.
record Order(
    Customer customer,
    ArrayList<String> lines) {}

record Customer(
    String name,
    Order lastOrder) {}

interface S {
  Customer customer(String id);

  Order order(String id);

  @FanOut(using = "customer")
  List<Customer> customers(List<String> ids);

  @FanOut(using = "order")
  List<Order> orders(List<String> ids);
}
